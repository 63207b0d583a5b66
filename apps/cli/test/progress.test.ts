import { describe, expect, it } from 'vitest';
import { etaMs, formatDuration, formatProgress } from '../src/progress.js';

describe('progress', () => {
  it('has no ETA before the first beat finishes', () => {
    expect(
      etaMs({ done: 0, failed: 0, total: 10, charactersSpent: 0, elapsedMs: 5000 }),
    ).toBeNull();
  });

  it('projects the remaining time from the pace so far, failed beats included', () => {
    expect(etaMs({ done: 3, failed: 1, total: 10, charactersSpent: 0, elapsedMs: 8000 })).toBe(
      12_000,
    );
    expect(etaMs({ done: 10, failed: 0, total: 10, charactersSpent: 0, elapsedMs: 8000 })).toBe(0);
  });

  it('draws done/total, failures, characters and ETA', () => {
    const line = formatProgress(
      { done: 5, failed: 1, total: 10, charactersSpent: 12345, elapsedMs: 60_000 },
      10,
    );
    expect(line).toBe('[#####-----] 5/10 beats · 1 failed · 12,345 chars · ETA 40s');
  });

  it('formats durations in minutes and seconds', () => {
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(400)).toBe('0s');
  });
});
