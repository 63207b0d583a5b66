import { bytesToPcm } from '../pcm/pcm.js';
import type { LoudnessTarget } from '../provider-facts.js';
import { withAudioInput } from './audio-input.js';
import { runFfmpeg, type FfmpegOptions } from './run-ffmpeg.js';

export const TRUE_PEAK_DBTP = -1.5;
/** loudnorm's widest range: a narrower one pushes speech out of linear mode. */
const LOUDNESS_RANGE = 20;

export interface LoudnormMeasurement {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

export interface NormalizedAudio {
  pcm: Int16Array;
  /** `linear`: one gain for the whole file; `dynamic`: loudnorm had to limit peaks; `silent`: untouched. */
  mode: 'linear' | 'dynamic' | 'silent';
  gainDb: number;
}

function loudnormFilter(target: LoudnessTarget): string {
  return `loudnorm=I=${target}:TP=${TRUE_PEAK_DBTP}:LRA=${LOUDNESS_RANGE}`;
}

/** Pass one: what loudnorm measures (the JSON block it prints on stderr). */
export async function measureLoudnorm(
  pcm: Int16Array,
  sampleRate: number,
  target: LoudnessTarget,
  options: FfmpegOptions = {},
): Promise<LoudnormMeasurement> {
  const { stderr } = await withAudioInput({ pcm, sampleRate }, (input) =>
    runFfmpeg({
      ...options,
      input,
      output: 'discard',
      outputOptions: ['-af', `${loudnormFilter(target)}:print_format=json`],
    }),
  );
  const json = stderr.slice(stderr.lastIndexOf('{'), stderr.lastIndexOf('}') + 1);
  const raw = JSON.parse(json) as Record<string, string>;
  const number = (key: string) => Number(raw[key]);
  return {
    inputI: number('input_i'),
    inputTp: number('input_tp'),
    inputLra: number('input_lra'),
    inputThresh: number('input_thresh'),
    targetOffset: number('target_offset'),
  };
}

function applyGain(pcm: Int16Array, gainDb: number): Int16Array {
  const factor = 10 ** (gainDb / 20);
  return pcm.map((sample) => Math.max(-32768, Math.min(32767, Math.round(sample * factor))));
}

/** loudnorm works at 192 kHz; resampling back may be off by a sample or two. */
function fitLength(pcm: Int16Array, length: number): Int16Array {
  if (pcm.length === length) return pcm;
  const out = new Int16Array(length);
  out.set(pcm.subarray(0, length));
  return out;
}

/**
 * Two-pass EBU R128 normalization. Pass one measures; when the gain that reaches the target
 * keeps the true peak under −1.5 dBTP (loudnorm's own linear condition) it is applied to the
 * samples directly — exact, and free of the 2018 loudnorm that applies no gain when the
 * measured loudness range is 0. Otherwise pass two is loudnorm's dynamic mode, which limits.
 */
export async function normalizeLoudness(
  pcm: Int16Array,
  sampleRate: number,
  target: LoudnessTarget,
  options: FfmpegOptions = {},
): Promise<NormalizedAudio> {
  const measured = await measureLoudnorm(pcm, sampleRate, target, options);
  if (!Number.isFinite(measured.inputI) || measured.inputI <= -70) {
    return { pcm, mode: 'silent', gainDb: 0 };
  }
  const gainDb = target - measured.inputI;
  if (measured.inputTp + gainDb <= TRUE_PEAK_DBTP) {
    return { pcm: applyGain(pcm, gainDb), mode: 'linear', gainDb };
  }
  const filter =
    `${loudnormFilter(target)}:measured_I=${measured.inputI}:measured_TP=${measured.inputTp}` +
    `:measured_LRA=${measured.inputLra}:measured_thresh=${measured.inputThresh}` +
    `:offset=${measured.targetOffset}:linear=false`;
  const { stdout } = await withAudioInput({ pcm, sampleRate }, (input) =>
    runFfmpeg({
      ...options,
      input,
      output: 'stdout',
      outputOptions: ['-af', filter, '-ar', String(sampleRate), '-ac', '1', '-f', 's16le'],
    }),
  );
  return { pcm: fitLength(bytesToPcm(stdout), pcm.length), mode: 'dynamic', gainDb };
}
