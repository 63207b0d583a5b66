import { PACE_SPEED, type Pace, type Segment } from '@studio/els';
import { MAX_SPEED, MIN_SPEED } from '../provider-facts.js';
import type { VoiceProfile, VoiceSettings } from '../types.js';

/** A reviewer's revision of a take: wins over the script and the voice profile. */
export interface TakeOverrides {
  stability?: number;
  style?: number;
  similarityBoost?: number;
  /** Replaces the script's pace for every segment. */
  pace?: Pace;
}

export interface SpeedClampedWarning {
  code: 'speed_clamped';
  requested: number;
  applied: number;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Settings for one segment: override > script (`[STABILITY]`, `[STYLE]`) > profile. Speed is the
 * profile's own speed times the pace multiplier (the seed dropped the profile speed), clamped to
 * what the API accepts — with a warning, returned rather than logged.
 */
export function mergeSettings(
  profile: Pick<VoiceProfile, 'stability' | 'similarityBoost' | 'style' | 'speed'>,
  segment: Pick<Segment, 'pace' | 'stability' | 'style'>,
  overrides: TakeOverrides = {},
): { settings: VoiceSettings; warnings: SpeedClampedWarning[] } {
  const requested = round3(profile.speed * PACE_SPEED[overrides.pace ?? segment.pace]);
  const speed = Math.min(MAX_SPEED, Math.max(MIN_SPEED, requested));
  return {
    settings: {
      stability: overrides.stability ?? segment.stability ?? profile.stability,
      similarityBoost: overrides.similarityBoost ?? profile.similarityBoost,
      style: overrides.style ?? segment.style ?? profile.style,
      speed,
    },
    warnings: speed === requested ? [] : [{ code: 'speed_clamped', requested, applied: speed }],
  };
}
