import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { bytesToPcm } from '../pcm/pcm.js';
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
  timeoutMs?: number;
}

function checkRequest(request: SpeechRequest): void {
  const refuse = (message: string): never => {
    throw new SpeechError('invalid_request', message);
  };
  if (request.text.trim() === '') refuse('Nothing to voice: the text is empty');
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
  const timeoutInSeconds = (options.timeoutMs ?? 120_000) / 1000;
  const { apiKey, baseUrl } = options;
  // The SDK loads ~5,000 modules (~100 MB) at import: only a studio that voices through
  // ElevenLabs pays for it, on its first request.
  let client: Promise<ElevenLabsClient> | undefined;
  const sdkClient = () =>
    (client ??= import('@elevenlabs/elevenlabs-js').then(
      ({ ElevenLabsClient }) =>
        new ElevenLabsClient({
          apiKey,
          ...(baseUrl === undefined ? {} : { baseUrl }),
          maxRetries: 0,
          timeoutInSeconds,
        }),
    ));

  async function synthesize(
    request: SpeechRequest,
    { signal }: SynthesizeOptions = {},
  ): Promise<SpeechResult> {
    checkRequest(request);
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
          },
          {
            // Our retry policy (withRetries) is the only one: no hidden SDK retries.
            maxRetries: 0,
            timeoutInSeconds,
            ...(signal ? { abortSignal: signal } : {}),
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
