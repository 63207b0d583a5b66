import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import { bytesToPcm } from '../pcm/pcm.js';
import { lazyElevenLabsClient } from './elevenlabs-client.js';
import { toSpeechError } from './elevenlabs-errors.js';
import {
  characterLimit,
  DIALOGUE_CHARACTER_LIMIT,
  DIALOGUE_MAX_VOICES,
  modelCapabilities,
  VOICE_SETTING_RANGES,
} from '../provider-facts.js';
import type { ContinuityMode } from '../types.js';
import { SpeechError } from './speech-error.js';
import {
  MAX_SEED,
  type Alignment,
  type Continuity,
  type SpeechProvider,
  type SpeechRequest,
  type SpeechResult,
  type SynthesizeOptions,
  type TurnSpan,
} from './speech-provider.js';

export type PcmOutputFormat =
  'pcm_8000' | 'pcm_16000' | 'pcm_22050' | 'pcm_24000' | 'pcm_32000' | 'pcm_44100' | 'pcm_48000';

export interface ElevenLabsProviderOptions {
  apiKey: string;
  /** Another API host, e.g. the loopback stand-in in tests. */
  baseUrl?: string;
  /** Raw PCM, so nothing is decoded before the one encode of the take. */
  outputFormat?: PcmOutputFormat;
  /** Until the answer's status and headers arrive; default `FIRST_BYTE_TIMEOUT_MS`. */
  firstByteTimeoutMs?: number;
  /** The whole request, body included; default `REQUEST_TIMEOUT_MS`. */
  requestTimeoutMs?: number;
}

/**
 * ElevenLabs answers a segment's headers within seconds (it starts streaming once the first
 * audio is ready); silence past this means a stuck request, and our retry policy tries again
 * five times, so a long wait here multiplies (120 s × 5 held a preview for ten minutes).
 */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

/**
 * A long segment (10,000 characters on multilingual v2, minutes of audio) may take a while to
 * arrive once started: the body gets the old, generous bound. The SDK's own timeout ends at the
 * headers, so without this a body that stalls would hang forever.
 */
const REQUEST_TIMEOUT_MS = 120_000;

/** A voice id is one path segment of the request URL: never `..`, a slash or an escape. */
const VOICE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function checkRequest(request: SpeechRequest): void {
  const refuse = (message: string): never => {
    throw new SpeechError('invalid_request', message);
  };
  if (request.text.trim() === '') refuse('Nothing to voice: the text is empty');
  if (!VOICE_ID.test(request.voiceId)) refuse('The voice id must be letters, digits, "_" or "-"');
  const limit = characterLimit(request.modelId);
  if (request.text.length > limit) {
    refuse(`${request.text.length} characters exceed the ${limit} allowed by ${request.modelId}`);
  }
  for (const [name, { min, max }] of Object.entries(VOICE_SETTING_RANGES)) {
    const value = request.settings[name as keyof typeof VOICE_SETTING_RANGES];
    if (!(value >= min && value <= max)) refuse(`${name} must be within ${min}–${max}`);
  }
  const { seed } = request;
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    refuse(`seed must be an integer within 0–${MAX_SEED}`);
  }
  const { dialogue } = request;
  if (dialogue) {
    if (!modelCapabilities(request.modelId).dialogue) {
      refuse(`${request.modelId} cannot voice a dialogue in one request`);
    }
    if (dialogue.some((turn) => !VOICE_ID.test(turn.voiceId) || turn.text.trim() === '')) {
      refuse('Every dialogue turn needs text and a voice id of letters, digits, "_" or "-"');
    }
    if (new Set(dialogue.map((turn) => turn.voiceId)).size > DIALOGUE_MAX_VOICES) {
      refuse(`A dialogue holds at most ${DIALOGUE_MAX_VOICES} voices`);
    }
    const characters = dialogue.reduce((n, turn) => n + turn.text.length, 0);
    if (characters > DIALOGUE_CHARACTER_LIMIT) {
      refuse(`${characters} characters exceed the ${DIALOGUE_CHARACTER_LIMIT} of one dialogue`);
    }
  }
}

/** A dialogue's voice segments, one span per turn (a turn may come back in several pieces). */
function toTurns(segments: readonly ElevenLabs.VoiceSegment[]): TurnSpan[] {
  const turns = new Map<number, TurnSpan>();
  for (const segment of segments) {
    const turn = segment.dialogueInputIndex;
    const startMs = segment.startTimeSeconds * 1000;
    const endMs = segment.endTimeSeconds * 1000;
    const known = turns.get(turn);
    turns.set(turn, {
      turn,
      startMs: Math.min(known?.startMs ?? startMs, startMs),
      endMs: Math.max(known?.endMs ?? endMs, endMs),
      characterStart: Math.min(known?.characterStart ?? Infinity, segment.characterStartIndex),
      characterEnd: Math.max(known?.characterEnd ?? 0, segment.characterEndIndex),
    });
  }
  return [...turns.values()].sort((a, b) => a.turn - b.turn);
}

/** The continuity a request sends: ids where the model takes them (unless refused), else text. */
function continuityOf(request: SpeechRequest, useIds: boolean): Continuity {
  const { requestIds, contextText } = modelCapabilities(request.modelId);
  const side = (ids: string[] | undefined, text: string | undefined): ContinuityMode => {
    if (request.dialogue) return 'none';
    if (useIds && requestIds && ids && ids.length > 0) return 'request_ids';
    return contextText && text ? 'text' : 'none';
  };
  return {
    previous: side(request.previousRequestIds, request.previousText),
    next: side(request.nextRequestIds, request.nextText),
  };
}

function headerInt(headers: Headers, name: string): number | undefined {
  const value = Number.parseInt(headers.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : undefined;
}

function toAlignment(raw: ElevenLabs.CharacterAlignmentResponseModel | undefined): Alignment {
  if (!raw) return { characters: [], startMs: [], endMs: [] };
  return {
    characters: raw.characters,
    startMs: raw.characterStartTimesSeconds.map((s) => s * 1000),
    endMs: raw.characterEndTimesSeconds.map((s) => s * 1000),
  };
}

/**
 * ElevenLabs through the official SDK, raw PCM: `/v1/text-to-speech/{voice}/with-timestamps` for
 * one voice, `/v1/text-to-dialogue/with-timestamps` for a dialogue request.
 */
export function createElevenLabsProvider(options: ElevenLabsProviderOptions): SpeechProvider {
  if (!options.apiKey) throw new SpeechError('auth', 'An ElevenLabs API key is required');
  const outputFormat = options.outputFormat ?? 'pcm_24000';
  const sampleRate = Number(outputFormat.slice('pcm_'.length));
  // The SDK's timeout covers the wait for the response headers only (its fetch resolves there).
  const timeoutInSeconds = (options.firstByteTimeoutMs ?? FIRST_BYTE_TIMEOUT_MS) / 1000;
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const sdkClient = lazyElevenLabsClient({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    timeoutInSeconds,
  });

  interface Sent {
    data: {
      audioBase64: string;
      alignment?: ElevenLabs.CharacterAlignmentResponseModel;
      voiceSegments?: ElevenLabs.VoiceSegment[];
    };
    headers: Headers;
  }

  async function send(
    request: SpeechRequest,
    continuity: Continuity,
    abortSignal: AbortSignal,
  ): Promise<Sent> {
    const sdk = await sdkClient();
    // Our retry policy (withRetries) is the only one: no hidden SDK retries.
    const requestOptions = { maxRetries: 0, timeoutInSeconds, abortSignal };
    const seed = request.seed === undefined ? {} : { seed: request.seed };
    const { stability, similarityBoost, style, speed } = request.settings;
    if (request.dialogue) {
      const { data, rawResponse } = await sdk.textToDialogue
        .convertWithTimestamps(
          {
            inputs: request.dialogue.map(({ text, voiceId }) => ({ text, voiceId })),
            modelId: request.modelId,
            outputFormat,
            // The dialogue endpoint takes one stability for the whole performance.
            settings: { stability },
            ...seed,
          },
          requestOptions,
        )
        .withRawResponse();
      return { data, headers: rawResponse.headers };
    }
    const ids = (mode: ContinuityMode, list: string[] | undefined) =>
      mode === 'request_ids' ? list : undefined;
    const text = (mode: ContinuityMode, value: string | undefined) =>
      mode === 'text' ? value : undefined;
    const previousRequestIds = ids(continuity.previous, request.previousRequestIds);
    const nextRequestIds = ids(continuity.next, request.nextRequestIds);
    const previousText = text(continuity.previous, request.previousText);
    const nextText = text(continuity.next, request.nextText);
    const { data, rawResponse } = await sdk.textToSpeech
      .convertWithTimestamps(
        request.voiceId,
        {
          text: request.text,
          modelId: request.modelId,
          outputFormat,
          // Every field set: a null inside voice_settings is a 422, and speed lives here.
          voiceSettings: { stability, similarityBoost, style, speed },
          ...(previousRequestIds ? { previousRequestIds } : {}),
          ...(nextRequestIds ? { nextRequestIds } : {}),
          ...(previousText ? { previousText } : {}),
          ...(nextText ? { nextText } : {}),
          ...(request.pronunciation
            ? {
                pronunciationDictionaryLocators: request.pronunciation.dictionaries.map(
                  (locator) => ({
                    pronunciationDictionaryId: locator.dictionaryId,
                    versionId: locator.versionId,
                  }),
                ),
              }
            : {}),
          ...seed,
        },
        requestOptions,
      )
      .withRawResponse();
    return { data, headers: rawResponse.headers };
  }

  /** Sends with the neighbours' request ids; if the API refuses them, once more with their text. */
  async function sendWithContinuity(
    request: SpeechRequest,
    abortSignal: AbortSignal,
  ): Promise<{ sent: Sent; continuity: Continuity }> {
    const withIds = continuityOf(request, true);
    try {
      return { sent: await send(request, withIds, abortSignal), continuity: withIds };
    } catch (error) {
      const usedIds = withIds.previous === 'request_ids' || withIds.next === 'request_ids';
      if (!usedIds || abortSignal.aborted || toSpeechError(error).code !== 'invalid_request') {
        throw error;
      }
      const withText = continuityOf(request, false);
      return { sent: await send(request, withText, abortSignal), continuity: withText };
    }
  }

  async function synthesize(
    request: SpeechRequest,
    { signal }: SynthesizeOptions = {},
  ): Promise<SpeechResult> {
    checkRequest(request);
    const deadline = AbortSignal.timeout(requestTimeoutMs);
    const abortSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      const { sent, continuity } = await sendWithContinuity(request, abortSignal);
      const { data, headers } = sent;
      const current = headerInt(headers, 'current-concurrent-requests');
      const max = headerInt(headers, 'maximum-concurrent-requests');
      return {
        pcm: bytesToPcm(Buffer.from(data.audioBase64, 'base64')),
        sampleRate,
        alignment: toAlignment(data.alignment),
        // ElevenLabs bills per character; the header is authoritative when present.
        charactersBilled: headerInt(headers, 'character-cost') ?? request.text.length,
        requestId: headers.get('request-id') ?? headers.get('x-request-id'),
        modelId: request.modelId,
        continuity,
        voicedAt: Date.now(),
        ...(data.voiceSegments ? { turns: toTurns(data.voiceSegments) } : {}),
        ...(current !== undefined && max !== undefined ? { concurrency: { current, max } } : {}),
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (deadline.aborted) {
        throw new SpeechError('timeout', 'The text-to-speech answer did not arrive in time', {
          cause: error,
        });
      }
      throw toSpeechError(error);
    }
  }

  return {
    name: 'elevenlabs',
    cacheNamespace: `elevenlabs/${outputFormat}`,
    voiceKey: (request) => request.voiceId,
    synthesize,
  };
}
