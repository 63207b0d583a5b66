import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { encodeWav } from '../pcm/wav.js';
import type { Transcriber } from '../qc/transcriber.js';
import { toSpeechError } from './elevenlabs-errors.js';
import { SpeechError } from './speech-error.js';

export interface ElevenLabsTranscriberOptions {
  apiKey: string;
  baseUrl?: string;
  /** `scribe_v1` by default. */
  modelId?: string;
  requestTimeoutMs?: number;
}

export const DEFAULT_TRANSCRIPTION_MODEL = 'scribe_v1';

/** A take is seconds to a minute of audio: a transcription past this is stuck. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * ElevenLabs speech to text through the official SDK (`speechToText.convert`, word timestamps).
 * The take goes up as a WAV of its own samples: no encode, nothing lost to a codec.
 */
export function createElevenLabsTranscriber(options: ElevenLabsTranscriberOptions): Transcriber {
  if (!options.apiKey) throw new SpeechError('auth', 'An ElevenLabs API key is required');
  const modelId = options.modelId ?? DEFAULT_TRANSCRIPTION_MODEL;
  const { apiKey, baseUrl } = options;
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  let client: Promise<ElevenLabsClient> | undefined;
  const sdkClient = () =>
    (client ??= import('@elevenlabs/elevenlabs-js').then(
      ({ ElevenLabsClient }) =>
        new ElevenLabsClient({ apiKey, ...(baseUrl === undefined ? {} : { baseUrl }) }),
    ));

  return {
    modelId,
    async transcribe(audio, { signal } = {}) {
      const deadline = AbortSignal.timeout(timeoutMs);
      const abortSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
      let data: ElevenLabs.SpeechToTextConvertResponse;
      try {
        data = await (
          await sdkClient()
        ).speechToText.convert(
          {
            modelId,
            file: {
              data: encodeWav(audio.pcm, audio.sampleRate),
              filename: 'take.wav',
              contentType: 'audio/wav',
            },
            timestampsGranularity: 'word',
            tagAudioEvents: false,
          },
          { maxRetries: 1, timeoutInSeconds: timeoutMs / 1000, abortSignal },
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw toSpeechError(error);
      }
      if (!('words' in data) || !Array.isArray(data.words)) {
        throw new SpeechError('server', 'The transcription came back without words');
      }
      return {
        text: data.text,
        words: data.words
          .filter((word) => word.type === 'word')
          .map((word) => ({
            text: word.text,
            startMs: Math.round((word.start ?? 0) * 1000),
            endMs: Math.round((word.end ?? word.start ?? 0) * 1000),
          })),
      };
    },
  };
}
