/** Paces and the speed multiplier each one stands for (els-spec §4). */

import type { Pace } from './types.js';

export const PACE_SPEED: Readonly<Record<Pace, number>> = Object.freeze({
  slow: 0.75,
  deliberate: 0.85,
  normal: 1.0,
  quick: 1.08,
  fast: 1.15,
  chaos: 1.2,
});

export const PACES = Object.keys(PACE_SPEED) as readonly Pace[];

/** The pace a tag value names (case-insensitive), or null. */
export function readPace(value: string): Pace | null {
  const pace = value.toLowerCase();
  return Object.hasOwn(PACE_SPEED, pace) ? (pace as Pace) : null;
}
