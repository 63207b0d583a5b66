import { withAudioInput, type AudioSource } from './audio-input.js';
import { runFfmpeg, type FfmpegOptions } from './run-ffmpeg.js';

export interface Silence {
  startMs: number;
  endMs: number;
  durationMs: number;
}

export interface DetectSilenceOptions extends FfmpegOptions {
  noiseDb?: number;
  minDurationMs?: number;
}

/** ffmpeg `silencedetect`: every run of silence (a run still open at the end closes there). */
export async function detectSilences(
  source: AudioSource,
  options: DetectSilenceOptions = {},
): Promise<Silence[]> {
  const { noiseDb = -50, minDurationMs = 50, ...ffmpeg } = options;
  const { stderr } = await withAudioInput(
    source,
    (input) =>
      runFfmpeg({
        ...ffmpeg,
        input,
        output: 'discard',
        outputOptions: ['-af', `silencedetect=n=${noiseDb}dB:d=${minDurationMs / 1000}`],
      }),
    ffmpeg.tempDir,
  );
  const silences: Silence[] = [];
  let start: number | undefined;
  for (const match of stderr.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    const ms = Number(match[2]) * 1000;
    if (match[1] === 'start') start = Math.max(0, ms);
    else if (start !== undefined) {
      silences.push({ startMs: start, endMs: ms, durationMs: ms - start });
      start = undefined;
    }
  }
  const duration = /time=(\d+):(\d+):([\d.]+)/g;
  const times = [...stderr.matchAll(duration)].at(-1);
  if (start !== undefined && times) {
    const endMs = (Number(times[1]) * 3600 + Number(times[2]) * 60 + Number(times[3])) * 1000;
    silences.push({ startMs: start, endMs, durationMs: endMs - start });
  }
  return silences;
}

export interface LoudnessReport {
  integratedLufs: number;
  loudnessRangeLu: number;
  truePeakDbtp: number;
}

/** ffmpeg `ebur128` summary: integrated loudness, range and true peak. */
export async function measureEbur128(
  source: AudioSource,
  options: FfmpegOptions = {},
): Promise<LoudnessReport> {
  const { stderr } = await withAudioInput(
    source,
    (input) =>
      runFfmpeg({
        ...options,
        input,
        output: 'discard',
        outputOptions: ['-af', 'ebur128=peak=true'],
      }),
    options.tempDir,
  );
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const read = (label: string) =>
    Number(new RegExp(`${label}:\\s+(-?[\\d.]+|-inf)`).exec(summary)?.[1]);
  return {
    integratedLufs: read('I'),
    loudnessRangeLu: read('LRA'),
    truePeakDbtp: read('Peak'),
  };
}
