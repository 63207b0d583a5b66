import { QC_THRESHOLDS } from './thresholds.js';

/** Level of each `windowMs` window of the take, in dBFS: one pass over the samples. */
export interface EnergyMap {
  sampleRate: number;
  /** Samples per window. */
  window: number;
  db: Float64Array;
}

const FULL_SCALE_SQUARED = 32_768 * 32_768;
/** Digital silence still needs a finite level. */
const FLOOR_DB = -120;

export function energyMap(pcm: Int16Array, sampleRate: number): EnergyMap {
  const window = Math.max(1, Math.round((QC_THRESHOLDS.windowMs * sampleRate) / 1000));
  const db = new Float64Array(Math.ceil(pcm.length / window));
  for (let w = 0; w < db.length; w++) {
    const from = w * window;
    const to = Math.min(pcm.length, from + window);
    let sum = 0;
    for (let i = from; i < to; i++) {
      const s = pcm[i] ?? 0;
      sum += s * s;
    }
    const mean = sum / Math.max(1, to - from) / FULL_SCALE_SQUARED;
    db[w] = mean > 0 ? Math.max(FLOOR_DB, 10 * Math.log10(mean)) : FLOOR_DB;
  }
  return { sampleRate, window, db };
}

/** Window index holding the instant `ms` (clamped to the map). */
export function windowAt(map: EnergyMap, ms: number): number {
  const w = Math.floor((ms * map.sampleRate) / 1000 / map.window);
  return Math.min(map.db.length, Math.max(0, w));
}

export function windowMs(map: EnergyMap, w: number): number {
  return (w * map.window * 1000) / map.sampleRate;
}

export const isSilent = (db: number) => db < QC_THRESHOLDS.silenceDb;

/** The longest run of silent windows within [fromW, toW): window indexes, end exclusive. */
export function longestSilence(
  map: EnergyMap,
  fromW: number,
  toW: number,
): { from: number; to: number } | null {
  let best: { from: number; to: number } | null = null;
  let runFrom = -1;
  for (let w = fromW; w <= toW; w++) {
    const silent = w < toW && isSilent(map.db[w] ?? 0);
    if (silent && runFrom < 0) runFrom = w;
    if (!silent && runFrom >= 0) {
      if (!best || w - runFrom > best.to - best.from) best = { from: runFrom, to: w };
      runFrom = -1;
    }
  }
  return best;
}

/** Median of the speech (non-silent) windows of [fromW, toW), dBFS; null without speech. */
export function medianSpeechDb(map: EnergyMap, fromW: number, toW: number): number | null {
  const values: number[] = [];
  for (let w = fromW; w < toW; w++) {
    const db = map.db[w] ?? FLOOR_DB;
    if (!isSilent(db)) values.push(db);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? null;
}
