/**
 * Voice previews: one sample line spoken with a profile (optionally with settings not saved
 * yet), stored under an id derived from everything that shapes it, so asking twice costs once.
 */
import { createHash } from 'node:crypto';
import { getVoiceProfile } from '@studio/db';
import { renderTake, takeStorageKey, withRetries, type VoiceProfile } from '@studio/audio';
import type { Beat } from '@studio/els';
import type { Services } from '../context.js';

const DEFAULT_PREVIEW_TEXT = 'Corporation stole your chips. Bag look same. Bag not same.';

/** Previews are stored like takes of a pseudo-session; the sweep at start clears them. */
const PREVIEW_SESSION = 'previews';
const PREVIEW_BEAT = 'preview';
const PREVIEW_ID = /^[0-9a-f]{32}$/;

/** Where a preview is stored; `null` for anything that is not a preview id. */
export const previewStorageKey = (id: string): string | null =>
  PREVIEW_ID.test(id) ? takeStorageKey(PREVIEW_SESSION, PREVIEW_BEAT, id) : null;

export type PreviewSettings = Partial<
  Pick<VoiceProfile, 'voiceId' | 'modelId' | 'stability' | 'similarityBoost' | 'style' | 'speed'>
>;

/** A one-line beat: what the renderer voices. */
function sampleBeat(character: string, text: string): Beat {
  const line = {
    text,
    character,
    direction: null,
    pace: 'normal' as const,
    speed: 1,
    pauseAfterMs: 0,
    stability: null,
    style: null,
    emphasis: [],
    strongEmphasis: [],
    sourceLine: 1,
  };
  return {
    id: PREVIEW_BEAT,
    number: 1,
    name: 'Preview',
    line: 1,
    lines: [line],
    segments: [
      { character, pace: 'normal', speed: 1, stability: null, style: null, lines: [0], text },
    ],
    text,
    primaryCharacter: character,
    primaryDirection: null,
    primaryPace: 'normal',
    pauseAfterMs: 0,
  };
}

export async function previewVoice(
  services: Pick<
    Services,
    'db' | 'storage' | 'cache' | 'provider' | 'gate' | 'log' | 'modelOverride' | 'ffmpegPath'
  >,
  input: { character: string; text?: string | undefined; settings?: PreviewSettings | undefined },
  /** The caller left: stop the provider request and the encode. */
  signal?: AbortSignal,
): Promise<{ id: string; audioUrl: string; durationMs: number | null }> {
  const stored = await getVoiceProfile(services.db, input.character);
  const profile: VoiceProfile = {
    ...stored,
    ...(services.modelOverride ? { modelId: services.modelOverride } : {}),
    ...input.settings,
  };
  const text = input.text?.trim() || DEFAULT_PREVIEW_TEXT;
  const { voiceId, modelId, stability, similarityBoost, style, speed, localVoice } = profile;
  const sound = [voiceId, modelId, stability, similarityBoost, style, speed, localVoice];
  const id = createHash('sha256')
    .update(JSON.stringify([services.provider.cacheNamespace, sound, text]))
    .digest('hex')
    .slice(0, 32);
  const audioUrl = `/audio/preview/${id}`;
  if (await services.storage.stat(previewStorageKey(id)!)) {
    return { id, audioUrl, durationMs: null };
  }

  const rendered = await renderTake({
    beat: sampleBeat(profile.character, text),
    profiles: { [profile.character]: profile },
    provider: withRetries(services.gate(services.provider), {
      onRetry: ({ error, attempt }) =>
        services.log.warn({ code: error.code, attempt }, 'preview request failed, retrying'),
    }),
    storage: services.storage,
    cache: services.cache,
    sessionId: PREVIEW_SESSION,
    takeId: id,
    ffmpegPath: services.ffmpegPath,
    ...(signal ? { signal } : {}),
  });
  return { id, audioUrl, durationMs: rendered.durationMs };
}
