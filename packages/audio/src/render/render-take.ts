import { createHash, randomInt } from 'node:crypto';
import type { Beat, Segment } from '@studio/els';
import { segmentHash, type SegmentCache } from '../cache/segment-cache.js';
import { encodeMp3, type Mp3Bitrate } from '../mp3/encode-mp3.js';
import {
  MAX_SEED,
  type SpeechProvider,
  type SpeechRequest,
  type SpeechResult,
} from '../providers/speech-provider.js';
import type { ProviderName } from '../provider-facts.js';
import { takeStorageKey } from '../storage/keys.js';
import type { Storage } from '../storage/storage.js';
import type { LineTiming, SegmentSettings, VoiceProfile } from '../types.js';
import { assembleTake, type VoicedLine, type VoicedSegment } from './assemble-take.js';
import type { SpeedClampedWarning, TakeOverrides } from './merge-settings.js';
import { RenderError } from './render-error.js';
import { segmentRequests, type SegmentRequest } from './segment-requests.js';

export type RenderWarning = (SpeedClampedWarning | { code: 'alignment_inexact' }) & {
  segmentIndex: number;
};

export interface RenderTakeInput {
  beat: Beat;
  /** Voice profiles by canonical character name. */
  profiles: Readonly<Record<string, VoiceProfile>>;
  overrides?: TakeOverrides;
  provider: SpeechProvider;
  storage: Storage;
  cache?: SegmentCache;
  sessionId: string;
  takeId: string;
  bitrateKbps?: Mp3Bitrate;
  /** A new performance: skip the cache and send a fresh random seed (the result is cached). */
  regenerate?: boolean;
  signal?: AbortSignal;
}

/** A take as its `takes` row stores it, under the row's own field names. */
export interface TakeColumns {
  storageKey: string;
  durationMs: number;
  settings: SegmentSettings[];
  timings: LineTiming[];
  provider: ProviderName;
  modelId: string;
  charactersBilled: number;
  requestIds: string[];
  /** sha256 of the MP3 bytes (an ETag). */
  contentHash: string;
}

export interface RenderedTake {
  take: TakeColumns;
  warnings: RenderWarning[];
  /** Segments served from the cache, and requests actually sent. */
  cacheHits: number;
  requests: number;
}

function segmentLines(beat: Beat, segment: Segment): VoicedLine[] {
  return segment.lines.map((lineIndex) => {
    const line = beat.lines[lineIndex];
    if (!line) throw new RenderError('invalid_beat', `Beat ${beat.id} has no line ${lineIndex}`);
    const { character, text, pauseAfterMs } = line;
    return { lineIndex, character, text, pauseAfterMs };
  });
}

/**
 * Voices one beat into a take: one provider request per segment (cached by content hash), the
 * written pauses inserted as silence in PCM, one MP3 encode, one storage write.
 */
export async function renderTake(input: RenderTakeInput): Promise<RenderedTake> {
  const { beat, provider, cache, signal } = input;
  if (beat.segments.length === 0) {
    throw new RenderError('invalid_beat', `Beat ${beat.id} has no lines`);
  }
  const requests = segmentRequests(beat, input.profiles, input.overrides);
  const storageKey = takeStorageKey(input.sessionId, beat.id, input.takeId);

  const warnings: RenderWarning[] = [];
  const settings: SegmentSettings[] = [];
  const voiced: VoicedSegment[] = [];
  const results: SpeechResult[] = [];
  let cacheHits = 0;

  for (const [segmentIndex, segment] of beat.segments.entries()) {
    signal?.throwIfAborted();
    const planned = requests[segmentIndex] as SegmentRequest;
    const { profile } = planned;
    warnings.push(...planned.warnings.map((w) => ({ ...w, segmentIndex })));
    const lines = segmentLines(beat, segment);
    const request: SpeechRequest = {
      ...planned.request,
      ...(input.regenerate ? { seed: randomInt(0, MAX_SEED + 1) } : {}),
    };

    const hash = segmentHash(provider, request);
    const cached = input.regenerate ? null : await cache?.get(hash);
    let result: SpeechResult;
    if (cached) {
      result = cached;
      cacheHits++;
    } else {
      result = await provider.synthesize(request, { signal });
      await cache?.put(hash, result);
    }
    results.push(result);

    settings.push({
      character: segment.character,
      voiceId: profile.voiceId,
      modelId: result.modelId,
      ...request.settings,
      text: segment.text,
      lines: segment.lines,
    });
    voiced.push({ audio: result, lines });
  }

  const take = assembleTake(voiced);
  warnings.push(
    ...take.inexactSegments.map((segmentIndex) => ({
      code: 'alignment_inexact' as const,
      segmentIndex,
    })),
  );
  const mp3 = await encodeMp3(take.pcm, take.sampleRate, { bitrateKbps: input.bitrateKbps });
  await input.storage.put(storageKey, mp3);

  return {
    take: {
      storageKey,
      // Counted from the samples: the MP3 decodes to exactly this length (gapless header).
      durationMs: Math.round((take.pcm.length * 1000) / take.sampleRate),
      settings,
      timings: take.timings,
      provider: provider.name,
      modelId: results[0]?.modelId ?? requests[0]?.profile.modelId ?? '',
      charactersBilled: results.reduce((n, r) => n + r.charactersBilled, 0),
      requestIds: results.flatMap((r) => (r.requestId ? [r.requestId] : [])),
      contentHash: createHash('sha256').update(mp3).digest('hex'),
    },
    warnings,
    cacheHits,
    requests: results.length - cacheHits,
  };
}
