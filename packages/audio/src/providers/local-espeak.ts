import { concatPcm, samplesToMs } from '../pcm/pcm.js';
import type { LocalVoice } from '../types.js';
import { runEspeak } from './espeak-runtime.js';
import { SpeechError } from './speech-error.js';
import type {
  Alignment,
  SpeechProvider,
  SpeechRequest,
  SpeechResult,
  SynthesizeOptions,
} from './speech-provider.js';

export interface LocalEspeakOptions {
  /** eSpeak NG language voice the character variants are applied to. */
  language?: string;
  /** eSpeak's rate at speed 1.0, in words per minute. */
  wordsPerMinute?: number;
}

const DEFAULT_VOICE: LocalVoice = { variant: 'm3', pitch: 50 };
const VARIANT = /^[A-Za-z0-9_-]{1,40}$/;
/** Below this (of 32767) a sample counts as silence when trimming eSpeak's lead-in and tail. */
const SILENCE_THRESHOLD = 256;

/** eSpeak pads every utterance with silence; the renderer inserts the written pauses itself. */
function trimSilence(pcm: Int16Array): Int16Array {
  let start = 0;
  while (start < pcm.length && Math.abs(pcm[start] ?? 0) < SILENCE_THRESHOLD) start++;
  let end = pcm.length;
  while (end > start && Math.abs(pcm[end - 1] ?? 0) < SILENCE_THRESHOLD) end--;
  return pcm.subarray(start, end);
}

/** The lines the text is made of; a request without lines is one line. */
function linesOf(request: SpeechRequest): string[] {
  const lines = request.lines;
  return lines && lines.length > 0 && lines.join(' ') === request.text ? lines : [request.text];
}

/**
 * Spreads each line's characters evenly over that line's audio: line boundaries are exact
 * (each line is synthesized alone), positions inside a line are approximate.
 */
function alignLines(lines: string[], spans: { startMs: number; endMs: number }[]): Alignment {
  const alignment: Alignment = { characters: [], startMs: [], endMs: [] };
  lines.forEach((line, k) => {
    const span = spans[k] ?? { startMs: 0, endMs: 0 };
    if (k > 0) {
      // The joining space takes no time: lines are butted together, pauses come later.
      alignment.characters.push(' ');
      alignment.startMs.push(span.startMs);
      alignment.endMs.push(span.startMs);
    }
    const step = (span.endMs - span.startMs) / Math.max(1, line.length);
    [...line].forEach((character, i) => {
      alignment.characters.push(character);
      alignment.startMs.push(span.startMs + i * step);
      alignment.endMs.push(span.startMs + (i + 1) * step);
    });
  });
  return alignment;
}

/** The offline voice: eSpeak NG in WebAssembly, in-process, free, one call per line. */
export function createLocalEspeakProvider(options: LocalEspeakOptions = {}): SpeechProvider {
  const language = options.language ?? 'en-us';
  const wordsPerMinute = options.wordsPerMinute ?? 175;

  async function synthesize(
    request: SpeechRequest,
    { signal }: SynthesizeOptions = {},
  ): Promise<SpeechResult> {
    if (request.text.trim() === '') {
      throw new SpeechError('invalid_request', 'Nothing to voice: the text is empty');
    }
    if (request.dialogue) {
      throw new SpeechError('invalid_request', 'The local voice speaks one voice per request');
    }
    const voice = request.localVoice ?? DEFAULT_VOICE;
    if (!VARIANT.test(voice.variant)) {
      throw new SpeechError('voice_not_found', `Unknown eSpeak NG variant: ${voice.variant}`);
    }
    const pitch = Math.min(99, Math.max(0, Math.round(voice.pitch)));
    const rate = Math.round(wordsPerMinute * request.settings.speed);
    const args = ['-v', `${language}+${voice.variant}`, '-p', String(pitch), '-s', String(rate)];

    const lines = linesOf(request);
    const parts: Int16Array[] = [];
    const spans: { startMs: number; endMs: number }[] = [];
    let sampleRate = 22_050;
    let samples = 0;
    for (const line of lines) {
      signal?.throwIfAborted();
      const wav = await runEspeak(args, line).catch((error: unknown) => {
        throw new SpeechError('invalid_request', 'eSpeak NG could not voice the line', {
          cause: error,
        });
      });
      sampleRate = wav.sampleRate;
      const speech = trimSilence(wav.pcm);
      spans.push({
        startMs: samplesToMs(samples, sampleRate),
        endMs: samplesToMs(samples + speech.length, sampleRate),
      });
      parts.push(speech);
      samples += speech.length;
    }
    return {
      pcm: concatPcm(parts),
      sampleRate,
      alignment: alignLines(lines, spans),
      charactersBilled: 0,
      requestId: null,
      modelId: 'espeak-ng',
      continuity: { previous: 'none', next: 'none' },
      voicedAt: Date.now(),
    };
  }

  return {
    name: 'local',
    cacheNamespace: `local/espeak-ng-1.0.2/${language}/${wordsPerMinute}`,
    voiceKey: ({ localVoice = DEFAULT_VOICE }) => `${localVoice.variant}/${localVoice.pitch}`,
    synthesize,
  };
}
