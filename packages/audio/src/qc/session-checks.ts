/**
 * The checks that need the rest of the session: a line spoken far faster or slower than the same
 * character's other lines (`rate_outlier`), and a take far louder or quieter than the others
 * without a direction that asks for it (`loudness_outlier`).
 */
import type { LineTiming } from '../types.js';
import type { QcFlag, QcStats } from './qc-result.js';
import { LOUDNESS_DIRECTIONS, QC_THRESHOLDS as T } from './thresholds.js';

/** A session-wide figure: how many values it is taken over, and their median. */
export interface QcNorm {
  count: number;
  median: number | null;
}

/**
 * What a take is compared with. Medians, not the values, so that the database computes them
 * from an index however many takes the session holds.
 */
export interface SessionNorms {
  /** The speech level of the session's other takes. */
  speechDb: QcNorm;
  /** Per character: the ms per character of its lines in the session, this take's included. */
  msPerChar: Readonly<Record<string, QcNorm>>;
}

export interface SessionCheckInput {
  stats: QcStats;
  timings: readonly LineTiming[];
  /** The take's direction and its lines' directions: a whisper asked for is no outlier. */
  directions: readonly (string | null)[];
  norms: SessionNorms;
}

/** The median when it is taken over enough values to be the session's typical figure. */
function typical(norm: QcNorm | undefined, minCount: number): number | null {
  return norm && norm.count >= minCount ? norm.median : null;
}

function rateOutliers(input: SessionCheckInput): QcFlag[] {
  return input.stats.lines.flatMap((line) => {
    const voice = typical(input.norms.msPerChar[line.character], T.rateMinLines);
    if (!voice) return [];
    const ratio = line.msPerChar / voice;
    if (ratio <= T.rateSlow && ratio >= T.rateFast) return [];
    const timing = input.timings.find((t) => t.lineIndex === line.lineIndex);
    return [
      {
        code: 'rate_outlier' as const,
        severity: 'warn' as const,
        lineIndex: line.lineIndex,
        ...(timing ? { startMs: Math.round(timing.startMs), endMs: Math.round(timing.endMs) } : {}),
        message: `${Math.round(line.msPerChar)} ms per character, ${ratio > 1 ? 'slower' : 'faster'} than this voice's ${Math.round(voice)} ms`,
      },
    ];
  });
}

function loudnessOutlier(input: SessionCheckInput): QcFlag[] {
  const own = input.stats.speechDb;
  const session = typical(input.norms.speechDb, T.loudnessMinTakes);
  if (own === null || session === null || Math.abs(own - session) <= T.loudnessDb) return [];
  if (input.directions.some((direction) => direction && LOUDNESS_DIRECTIONS.test(direction))) {
    return [];
  }
  return [
    {
      code: 'loudness_outlier',
      severity: 'warn',
      message: `speech at ${own.toFixed(1)} dBFS against the session's ${session.toFixed(1)} dBFS`,
    },
  ];
}

export function sessionChecks(input: SessionCheckInput): QcFlag[] {
  return [...rateOutliers(input), ...loudnessOutlier(input)];
}
