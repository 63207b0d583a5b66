import { describe, expect, it } from 'vitest';
import { mergeSettings } from '../src/index.js';

const profile = { stability: 0.5, similarityBoost: 0.78, style: 0.3, speed: 0.85 };
const plain = { pace: 'normal' as const, stability: null, style: null };

describe('mergeSettings', () => {
  it('takes the profile when the script and the revision say nothing', () => {
    expect(mergeSettings(profile, plain)).toEqual({
      settings: { stability: 0.5, similarityBoost: 0.78, style: 0.3, speed: 0.85 },
      warnings: [],
    });
  });

  it('lets the script override the profile, and the revision override both', () => {
    const segment = { pace: 'normal' as const, stability: 0.2, style: 0.9 };
    expect(mergeSettings(profile, segment).settings).toMatchObject({ stability: 0.2, style: 0.9 });
    const revised = mergeSettings(profile, segment, {
      stability: 0.7,
      style: 0.1,
      similarityBoost: 0.5,
    });
    expect(revised.settings).toMatchObject({ stability: 0.7, style: 0.1, similarityBoost: 0.5 });
  });

  it('multiplies the profile speed by the pace (the seed ignored the profile speed)', () => {
    expect(mergeSettings({ ...profile, speed: 1 }, { ...plain, pace: 'fast' }).settings.speed).toBe(
      1.15,
    );
    expect(
      mergeSettings({ ...profile, speed: 0.95 }, { ...plain, pace: 'quick' }).settings.speed,
    ).toBe(1.026);
  });

  it('lets a revised pace replace the script pace', () => {
    const merged = mergeSettings(
      { ...profile, speed: 1 },
      { ...plain, pace: 'fast' },
      { pace: 'deliberate' },
    );
    expect(merged.settings.speed).toBe(0.85);
  });

  it('clamps speed to 0.7–1.2 and says so', () => {
    const slow = mergeSettings(profile, { ...plain, pace: 'slow' });
    expect(slow.settings.speed).toBe(0.7);
    expect(slow.warnings).toEqual([{ code: 'speed_clamped', requested: 0.638, applied: 0.7 }]);
    const fast = mergeSettings({ ...profile, speed: 1.1 }, { ...plain, pace: 'chaos' });
    expect(fast.settings.speed).toBe(1.2);
    expect(fast.warnings.map((w) => w.code)).toEqual(['speed_clamped']);
  });
});
