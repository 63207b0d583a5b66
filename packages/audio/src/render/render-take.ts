import { createHash, randomInt } from 'node:crypto';
import type { Beat, Segment } from '@studio/els';
import { segmentHash, type SegmentCache } from '../cache/segment-cache.js';
import { sharedMp3Encoder, type Mp3Bitrate } from '../mp3/encode-mp3.js';
import type { Mp3Encoder, Mp3Encoding } from '../mp3/mp3-encoder-pool.js';
import {
  DEFAULT_DIALOGUE_MODE,
  modelCapabilities,
  type DialogueMode,
  type ProviderName,
} from '../provider-facts.js';
import {
  MAX_SEED,
  type SpeechProvider,
  type SpeechRequest,
  type SpeechResult,
} from '../providers/speech-provider.js';
import type { Lexicon } from '../lexicon/lexicon.js';
import { listenToTake } from '../qc/listen.js';
import type { QcResult } from '../qc/qc-result.js';
import { signalChecks, type SignalCheckResult } from '../qc/signal-checks.js';
import { takeQc } from '../qc/take-qc.js';
import type { Transcriber } from '../qc/transcriber.js';
import { takeStorageKey } from '../storage/keys.js';
import type { Storage } from '../storage/storage.js';
import type { LineTiming, SegmentContinuity, SegmentSettings, VoiceProfile } from '../types.js';
import { createTakeAssembler, type VoicedLine } from './assemble-take.js';
import {
  nextRequestIds,
  previousRequestIds,
  type NeighbourTakes,
  type VoicedRequest,
} from './continuity.js';
import type { TakeOverrides } from './merge-settings.js';
import { planPerformances } from './performances.js';
import { RenderError } from './render-error.js';
import {
  segmentRequests,
  type BeatContext,
  type SegmentRequest,
  type SegmentWarning,
} from './segment-requests.js';
import { splitDialogue, type TurnAudio } from './split-dialogue.js';

export type RenderWarning = (SegmentWarning | { code: 'alignment_inexact' }) & {
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
  /** Where the MP3 is encoded (default: the process's shared pool of worker threads). */
  encoder?: Mp3Encoder;
  /** The project's pronunciation lexicon. */
  lexicon?: Lexicon;
  /** A new performance: skip the cache and send a fresh random seed (the result is cached). */
  regenerate?: boolean;
  /** Beats with several voices on a dialogue model: one performance (the default) or not. */
  dialogueMode?: DialogueMode;
  /** The neighbouring beats' text, sent for continuity where no request id qualifies. */
  context?: BeatContext;
  /** The neighbouring beats' selected takes: their request ids, for models that take them. */
  neighbours?: NeighbourTakes;
  /** Listens to the take once voiced (speech recognition QC); absent: signal checks only. */
  transcriber?: Transcriber | null;
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
  /** Per segment: its request and what tied it to its neighbours. */
  continuity: SegmentContinuity[];
  /** sha256 of the MP3 bytes (an ETag). */
  contentHash: string;
}

export interface RenderedTake {
  take: TakeColumns;
  warnings: RenderWarning[];
  /** The take's own QC: signal checks and listening (the session-wide checks come on top). */
  qc: QcResult;
  /** CPU the signal checks took (user + system, ms): their whole cost, measured per take. */
  signalQcCpuMs: number;
  /** Segments served from the cache, and requests actually sent. */
  cacheHits: number;
  requests: number;
}

function segmentLines(beat: Beat, segment: Segment, sentLines: readonly string[]): VoicedLine[] {
  return segment.lines.map((lineIndex, k) => {
    const line = beat.lines[lineIndex];
    if (!line) throw new RenderError('invalid_beat', `Beat ${beat.id} has no line ${lineIndex}`);
    const { character, text, pauseAfterMs } = line;
    return { lineIndex, character, text, sentText: sentLines[k] ?? text, pauseAfterMs };
  });
}

/** The request ids that tie a one-voice request to the audio around it (models that take ids). */
function withRequestIds(
  request: SpeechRequest,
  before: readonly VoicedRequest[],
  after: readonly VoicedRequest[],
  now: number,
): SpeechRequest {
  if (request.dialogue || !modelCapabilities(request.modelId).requestIds) return request;
  const previous = previousRequestIds(before, now);
  const next = nextRequestIds(after, now);
  return {
    ...request,
    ...(previous.length > 0 ? { previousRequestIds: previous } : {}),
    ...(next.length > 0 ? { nextRequestIds: next } : {}),
  };
}

/**
 * Voices one beat into a take: one provider request per segment, or one text-to-dialogue
 * performance cut back into segments (cached by content hash); each request tied to the audio
 * before and after it; the written pauses inserted as silence in PCM, each segment streamed
 * into one MP3 encode on a worker thread as it arrives, one storage write.
 */
export async function renderTake(input: RenderTakeInput): Promise<RenderedTake> {
  const { beat, provider, cache, signal } = input;
  if (beat.segments.length === 0) {
    throw new RenderError('invalid_beat', `Beat ${beat.id} has no lines`);
  }
  const planned = segmentRequests(beat, input.profiles, {
    ...(input.overrides ? { overrides: input.overrides } : {}),
    ...(input.context ? { context: input.context } : {}),
    ...(input.lexicon ? { lexicon: input.lexicon } : {}),
    provider: provider.name,
  });
  const performances = planPerformances(
    planned,
    input.dialogueMode ?? DEFAULT_DIALOGUE_MODE,
    provider.name,
  );
  const storageKey = takeStorageKey(input.sessionId, beat.id, input.takeId);
  const now = Date.now();
  // The audio before the request being sent: the previous beat's take, then this take so far.
  const before: VoicedRequest[] = [...(input.neighbours?.previous ?? [])];

  const warnings: RenderWarning[] = [];
  const settings: SegmentSettings[] = [];
  const continuity: SegmentContinuity[] = [];
  const results: SpeechResult[] = [];
  let cacheHits = 0;
  const segmentCount = performances.reduce((n, p) => n + p.segments.length, 0);
  const assembler = createTakeAssembler();
  // Each segment is encoded on a worker thread as soon as it is cut, while the next one is
  // voiced; cache writes run beside the next request (a later identical request waits for its).
  let encoding: Mp3Encoding | undefined;
  const cacheWrites = new Map<string, Promise<void>>();

  try {
    for (const [index, performance] of performances.entries()) {
      signal?.throwIfAborted();
      const last = index === performances.length - 1;
      const request: SpeechRequest = {
        ...withRequestIds(
          performance.request,
          before,
          last ? (input.neighbours?.next ?? []) : [],
          now,
        ),
        ...(input.regenerate ? { seed: randomInt(0, MAX_SEED + 1) } : {}),
      };

      const hash = segmentHash(provider, request);
      await cacheWrites.get(hash);
      const cached = input.regenerate ? null : await cache?.get(hash);
      let result: SpeechResult;
      if (cached) {
        result = cached;
        cacheHits++;
      } else {
        result = await provider.synthesize(request, { signal });
        if (cache) cacheWrites.set(hash, cache.put(hash, result));
      }
      results.push(result);
      before.push({ requestId: result.requestId, voicedAt: result.voicedAt });

      const segments = performance.segments.map((segmentIndex) => ({
        segmentIndex,
        segment: beat.segments[segmentIndex] as Segment,
        plan: planned[segmentIndex] as SegmentRequest,
      }));
      const audio: TurnAudio[] = request.dialogue
        ? splitDialogue(
            result,
            request.dialogue.map((turn) => turn.text),
          )
        : [result];
      segments.forEach(({ segmentIndex, segment, plan }, k) => {
        warnings.push(...plan.warnings.map((w) => ({ ...w, segmentIndex })));
        const snapped = plan.warnings.find((w) => w.code === 'stability_snapped');
        settings.push({
          character: segment.character,
          voiceId: plan.profile.voiceId,
          modelId: result.modelId,
          ...plan.request.settings,
          // A dialogue is sent one stability for all its voices.
          stability: request.settings.stability,
          ...(snapped ? { requestedStability: snapped.requested } : {}),
          text: segment.text,
          lines: segment.lines,
        });
        continuity.push({
          requestId: result.requestId,
          voicedAt: result.voicedAt,
          previous: result.continuity.previous,
          next: result.continuity.next,
          dialogue: request.dialogue !== undefined,
        });
        const turn = audio[k] as TurnAudio;
        const pcm = assembler.add(
          { audio: turn, lines: segmentLines(beat, segment, plan.sentLines) },
          settings.length === segmentCount,
        );
        encoding ??= (input.encoder ?? sharedMp3Encoder()).open(turn.sampleRate, {
          bitrateKbps: input.bitrateKbps,
        });
        encoding.write(pcm);
      });
    }
  } catch (error) {
    encoding?.abort();
    await Promise.allSettled(cacheWrites.values());
    throw error;
  }
  const take = assembler.finish();
  warnings.push(
    ...take.inexactSegments.map((segmentIndex) => ({
      code: 'alignment_inexact' as const,
      segmentIndex,
    })),
  );
  const speeds: Record<number, number> = {};
  for (const segment of settings) for (const line of segment.lines) speeds[line] = segment.speed;
  const [mp3] = await Promise.all([
    (encoding as Mp3Encoding).end(),
    Promise.all(cacheWrites.values()),
  ]);
  const stored = input.storage.put(storageKey, mp3);
  let signalQc: SignalCheckResult;
  let cpu: NodeJS.CpuUsage;
  try {
    // On the samples just assembled, while the file is written: no decode, no other process.
    // The encoder thread is done by now, so the process's CPU time is the checks' own.
    const cpuBefore = process.cpuUsage();
    signalQc = signalChecks({ ...take, speeds });
    cpu = process.cpuUsage(cpuBefore);
  } finally {
    await stored;
  }
  const listening = input.transcriber
    ? await listenToTake(input.transcriber, take, take.timings, signal)
    : null;

  return {
    take: {
      storageKey,
      // Counted from the samples: the MP3 decodes to exactly this length (gapless header).
      durationMs: Math.round((take.pcm.length * 1000) / take.sampleRate),
      settings,
      timings: take.timings,
      provider: provider.name,
      modelId: results[0]?.modelId ?? planned[0]?.profile.modelId ?? '',
      charactersBilled: results.reduce((n, r) => n + r.charactersBilled, 0),
      requestIds: results.flatMap((r) => (r.requestId ? [r.requestId] : [])),
      continuity,
      contentHash: createHash('sha256').update(mp3).digest('hex'),
    },
    warnings,
    qc: takeQc({ signal: signalQc, listening }),
    signalQcCpuMs: (cpu.user + cpu.system) / 1000,
    cacheHits,
    requests: results.length - cacheHits,
  };
}
