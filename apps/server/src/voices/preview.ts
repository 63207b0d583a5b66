/**
 * Voice previews: a sample text spoken with a profile (optionally with settings not saved
 * yet), stored under an id derived from everything that shapes it, so asking twice costs once.
 */
import { createHash } from 'node:crypto';
import { getVoiceProfile } from '@studio/db';
import { renderTake, takeStorageKey, type VoiceProfile } from '@studio/audio';
import { parse, type Beat } from '@studio/els';
import type { Services } from '../context.js';
import { StudioError } from '../errors.js';
import { providerFor } from '../generation/providers.js';

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

/** The sample script up to the text (diagnostics are moved up by its length). */
const scriptHead = (character: string) => [
  '[META]',
  'video_title: Preview',
  'project: preview',
  `[BEAT: ${PREVIEW_BEAT}]`,
  'name: Preview',
  '---',
  `[CHARACTER: ${character}]`,
];

/**
 * The text as a one-beat script spoken by the character, parsed like any script (emphasis,
 * inline pauses, audio tags); the `[PAUSE: 0]` leaves no silence after the last line.
 */
function sampleBeat(character: string, text: string): Beat {
  const head = scriptHead(character);
  const source = [...head, text, '[PAUSE: 0]', '[END_BEAT]'].join('\n');
  const parsed = parse(source, { characters: [character] });
  if (parsed.ok) return parsed.script.beats[0]!;
  // Positions in the text as it was sent.
  const last = text.split(/\r\n|\r|\n/).length;
  const within = (line: number) => Math.min(Math.max(line - head.length, 1), last);
  const diagnostics = parsed.diagnostics.map((d) => ({
    ...d,
    line: within(d.line),
    endLine: within(d.endLine),
  }));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  throw new StudioError(
    'INVALID_SCRIPT',
    `The preview text has ${errors} error${errors === 1 ? '' : 's'}`,
    diagnostics,
  );
}

export async function previewVoice(
  services: Pick<
    Services,
    | 'db'
    | 'storage'
    | 'cache'
    | 'encoder'
    | 'provider'
    | 'gate'
    | 'halts'
    | 'budgets'
    | 'log'
    | 'modelOverride'
    | 'ffmpegPath'
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
    provider: providerFor(services, { log: services.log.child({ preview: profile.character }) }),
    storage: services.storage,
    cache: services.cache,
    encoder: services.encoder,
    sessionId: PREVIEW_SESSION,
    takeId: id,
    ...(signal ? { signal } : {}),
  });
  return { id, audioUrl, durationMs: rendered.take.durationMs };
}
