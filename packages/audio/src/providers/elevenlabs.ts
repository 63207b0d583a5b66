import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import { bytesToPcm } from '../pcm/pcm.js';
import { lazyElevenLabsClient } from './elevenlabs-client.js';
import { toSpeechError } from './elevenlabs-errors.js';
import {
  characterLimit,
  supportsRequestStitching,
  VOICE_SETTING_RANGES,
} from '../provider-facts.js';
import { SpeechError } from './speech-error.js';
import {
  MAX_SEED,
  type Alignment,
  type SpeechProvider,
  type SpeechRequest,
  type SpeechResult,
  type SynthesizeOptions,
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

/** ElevenLabs through the official SDK: `/v1/text-to-speech/{voice}/with-timestamps`, raw PCM. */
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

  async function synthesize(
    request: SpeechRequest,
    { signal }: SynthesizeOptions = {},
  ): Promise<SpeechResult> {
    checkRequest(request);
    const deadline = AbortSignal.timeout(requestTimeoutMs);
    const abortSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const stitching = supportsRequestStitching(request.modelId);
    const { stability, similarityBoost, style, speed } = request.settings;
    try {
      const { data, rawResponse } = await (
        await sdkClient()
      ).textToSpeech
        .convertWithTimestamps(
          request.voiceId,
          {
            text: request.text,
            modelId: request.modelId,
            outputFormat,
            // Every field set: a null inside voice_settings is a 422, and speed lives here.
            voiceSettings: { stability, similarityBoost, style, speed },
            ...(stitching && request.previousText ? { previousText: request.previousText } : {}),
            ...(stitching && request.nextText ? { nextText: request.nextText } : {}),
            ...(request.seed === undefined ? {} : { seed: request.seed }),
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
          },
          {
            // Our retry policy (withRetries) is the only one: no hidden SDK retries.
            maxRetries: 0,
            timeoutInSeconds,
            abortSignal,
          },
        )
        .withRawResponse();
      const headers = rawResponse.headers;
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
