/**
 * The checks that need the rest of the session: a line spoken far faster or slower than the same
 * character's other lines (`rate_outlier`), and a take far louder or quieter than the others
 * without a direction that asks for it (`loudness_outlier`).
 */
import type { LineTiming } from '../types.js';
import type { QcFlag, QcStats } from './qc-result.js';
import { LOUDNESS_DIRECTIONS, QC_THRESHOLDS as T } from './thresholds.js';

export interface SessionCheckInput {
  stats: QcStats;
  timings: readonly LineTiming[];
  /** The take's direction and its lines' directions: a whisper asked for is no outlier. */
  directions: readonly (string | null)[];
  /** The stats of the session's other takes. */
  others: readonly QcStats[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? null)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function rateOutliers(input: SessionCheckInput): QcFlag[] {
  const all = [input.stats, ...input.others].flatMap((stats) => stats.lines);
  return input.stats.lines.flatMap((line) => {
    const same = all.filter((other) => other.character === line.character);
    const typical = same.length >= T.rateMinLines ? median(same.map((o) => o.msPerChar)) : null;
    if (!typical) return [];
    const ratio = line.msPerChar / typical;
    if (ratio <= T.rateSlow && ratio >= T.rateFast) return [];
    const timing = input.timings.find((t) => t.lineIndex === line.lineIndex);
    return [
      {
        code: 'rate_outlier' as const,
        severity: 'warn' as const,
        lineIndex: line.lineIndex,
        ...(timing ? { startMs: Math.round(timing.startMs), endMs: Math.round(timing.endMs) } : {}),
        message: `${Math.round(line.msPerChar)} ms per character, ${ratio > 1 ? 'slower' : 'faster'} than this voice's ${Math.round(typical)} ms`,
      },
    ];
  });
}

function loudnessOutlier(input: SessionCheckInput): QcFlag[] {
  const own = input.stats.speechDb;
  const levels = input.others.flatMap((stats) => (stats.speechDb === null ? [] : [stats.speechDb]));
  const typical = levels.length >= T.loudnessMinTakes ? median(levels) : null;
  if (own === null || typical === null || Math.abs(own - typical) <= T.loudnessDb) return [];
  if (input.directions.some((direction) => direction && LOUDNESS_DIRECTIONS.test(direction))) {
    return [];
  }
  return [
    {
      code: 'loudness_outlier',
      severity: 'warn',
      message: `speech at ${own.toFixed(1)} dBFS against the session's ${typical.toFixed(1)} dBFS`,
    },
  ];
}

export function sessionChecks(input: SessionCheckInput): QcFlag[] {
  return [...rateOutliers(input), ...loudnessOutlier(input)];
}
