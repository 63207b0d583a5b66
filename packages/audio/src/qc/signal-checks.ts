/**
 * The signal checks of one take, from its assembled PCM (no decode, no extra process): clipping,
 * dropouts inside a line, truncated segment ends, written pauses that are not in the audio, and
 * the measurements the session-wide checks compare (`QcStats`).
 */
import type { LineTiming } from '../types.js';
import {
  energyMap,
  longestSilence,
  medianSpeechDb,
  windowAt,
  windowMs,
  type EnergyMap,
} from './energy.js';
import type { QcFlag, QcStats } from './qc-result.js';
import { QC_THRESHOLDS as T } from './thresholds.js';

/** Where one segment's audio ends inside the take, and how far its alignment ran past it. */
export interface SegmentEnd {
  /** The segment's last line. */
  lineIndex: number;
  /** Take time of the cut after that line's speech (before its pause). */
  cutMs: number;
  /** Aligned text end minus the provider audio's end; > 0: the text runs past the audio. */
  overrunMs: number;
  /**
   * The provider's audio went on past the cut (the assembler cut it after the aligned end): speech
   * at the cut is then speech we cut off. A provider's own end is judged by its alignment only —
   * eSpeak NG, for one, may stop at full level after a complete word.
   */
  audioContinues: boolean;
}

export interface SignalCheckInput {
  pcm: Int16Array;
  sampleRate: number;
  timings: readonly LineTiming[];
  segmentEnds: readonly SegmentEnd[];
  /** Each line's voicing speed (1 = the voice's natural rate), to compare rates across paces. */
  speeds?: Readonly<Record<number, number>>;
}

export interface SignalCheckResult {
  flags: QcFlag[];
  stats: QcStats;
}

/** |sample| below this is silence at sample level (the window threshold, as an amplitude). */
const SILENT_SAMPLE = 32_768 * 10 ** (T.silenceDb / 20);
/** Clipped runs closer than this are one flag. */
const CLIP_MERGE_MS = 50;
/** The fade the assembler puts on a cut: the window before the cut skips it. */
const CUT_FADE_MS = 3;

const round = (ms: number) => Math.round(ms);

function lineAt(timings: readonly LineTiming[], ms: number): number | undefined {
  const line = timings.find((t) => ms >= t.startMs && ms <= t.endMs + t.pauseAfterMs);
  return line?.lineIndex;
}

function clipping(input: SignalCheckInput): QcFlag[] {
  const { pcm, sampleRate, timings } = input;
  const toMs = (sample: number) => (sample * 1000) / sampleRate;
  const spans: { from: number; to: number; samples: number }[] = [];
  let run = 0;
  for (let i = 0; i <= pcm.length; i++) {
    const s = pcm[i] ?? 0;
    if (i < pcm.length && (s >= T.clipSample || s <= -T.clipSample)) {
      run++;
      continue;
    }
    if (run >= T.clipRunSamples) {
      const from = i - run;
      const last = spans.at(-1);
      if (last && toMs(from - last.to) <= CLIP_MERGE_MS) {
        last.to = i;
        last.samples += run;
      } else spans.push({ from, to: i, samples: run });
    }
    run = 0;
  }
  return spans.map((span) => {
    const startMs = round(toMs(span.from));
    const lineIndex = lineAt(timings, startMs);
    return {
      code: 'clipping',
      severity: 'fail',
      ...(lineIndex === undefined ? {} : { lineIndex }),
      startMs,
      endMs: round(toMs(span.to)),
      message: `${span.samples} samples at full scale`,
    };
  });
}

function dropouts(map: EnergyMap, timings: readonly LineTiming[]): QcFlag[] {
  const flags: QcFlag[] = [];
  for (const line of timings) {
    const gap = longestSilence(map, windowAt(map, line.startMs), windowAt(map, line.endMs));
    if (!gap) continue;
    const ms = windowMs(map, gap.to - gap.from);
    if (ms <= T.dropoutMs) continue;
    flags.push({
      code: 'dropout',
      severity: 'fail',
      lineIndex: line.lineIndex,
      startMs: round(windowMs(map, gap.from)),
      endMs: round(windowMs(map, gap.to)),
      message: `${round(ms)} ms of silence inside the line`,
    });
  }
  return flags;
}

function truncations(map: EnergyMap, input: SignalCheckInput): QcFlag[] {
  const flags: QcFlag[] = [];
  for (const end of input.segmentEnds) {
    const line = input.timings.find((t) => t.lineIndex === end.lineIndex);
    if (!line) continue;
    const span = {
      lineIndex: end.lineIndex,
      startMs: round(line.startMs),
      endMs: round(end.cutMs),
    };
    if (end.overrunMs > T.truncationOverrunMs) {
      flags.push({
        code: 'truncated',
        severity: 'fail',
        ...span,
        message: `the text runs ${round(end.overrunMs)} ms past the end of the audio`,
      });
      continue;
    }
    if (!end.audioContinues) continue;
    const last = windowAt(map, end.cutMs - CUT_FADE_MS - T.windowMs);
    const typical = medianSpeechDb(map, windowAt(map, line.startMs), windowAt(map, line.endMs));
    if (typical === null) continue;
    // Every window of the last stretch at speech level: a plosive's burst is shorter than this.
    const sustained = Array.from({ length: T.truncationWindows }, (_, k) => map.db[last - k]);
    if (sustained.every((db) => db !== undefined && db >= typical - T.truncationEnergyDb)) {
      flags.push({
        code: 'truncated',
        severity: 'warn',
        ...span,
        message: 'speech runs right up to the cut: the last syllable may be cut off',
      });
    }
  }
  return flags;
}

/** Sample-exact edges of the silence found by windows. */
function silenceEdges(pcm: Int16Array, from: number, to: number): { from: number; to: number } {
  let start = from;
  while (start > 0 && Math.abs(pcm[start - 1] ?? 0) < SILENT_SAMPLE) start--;
  let end = Math.min(to, pcm.length);
  while (end < pcm.length && Math.abs(pcm[end] ?? 0) < SILENT_SAMPLE) end++;
  return { from: start, to: end };
}

function pauses(map: EnergyMap, input: SignalCheckInput): QcFlag[] {
  const { pcm, sampleRate, timings } = input;
  const totalMs = (pcm.length * 1000) / sampleRate;
  const flags: QcFlag[] = [];
  timings.forEach((line, k) => {
    if (line.pauseAfterMs <= 0) return;
    const nextStart = timings[k + 1]?.startMs ?? totalMs;
    const region = longestSilence(
      map,
      windowAt(map, line.endMs - T.pauseToleranceMs),
      windowAt(map, nextStart + T.pauseToleranceMs),
    );
    const edges = region
      ? silenceEdges(pcm, region.from * map.window, region.to * map.window)
      : null;
    const measured = edges ? ((edges.to - edges.from) * 1000) / sampleRate : 0;
    if (Math.abs(measured - line.pauseAfterMs) <= T.pauseToleranceMs) return;
    flags.push({
      code: 'pause_mismatch',
      severity: 'warn',
      lineIndex: line.lineIndex,
      startMs: round(line.endMs),
      endMs: round(nextStart),
      message: `a ${line.pauseAfterMs} ms pause was written, ${round(measured)} ms found`,
    });
  });
  return flags;
}

function stats(map: EnergyMap, input: SignalCheckInput): QcStats {
  const lines = input.timings.flatMap((line) => {
    const chars = line.text.trim().length;
    if (chars < T.rateMinChars || line.endMs <= line.startMs) return [];
    const speed = input.speeds?.[line.lineIndex] ?? 1;
    const msPerChar = ((line.endMs - line.startMs) * speed) / chars;
    return [{ lineIndex: line.lineIndex, character: line.character, msPerChar }];
  });
  const speechDb = medianSpeechDb(map, 0, map.db.length);
  return { speechDb: speechDb === null ? null : Math.round(speechDb * 10) / 10, lines };
}

export function signalChecks(input: SignalCheckInput): SignalCheckResult {
  const map = energyMap(input.pcm, input.sampleRate);
  return {
    flags: [
      ...clipping(input),
      ...dropouts(map, input.timings),
      ...truncations(map, input),
      ...pauses(map, input),
    ],
    stats: stats(map, input),
  };
}
