import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatPause,
  formatPercent,
  formatRelativeTime,
  plural,
} from './format.js';

describe('formatDuration', () => {
  it('shows tenths under a minute', () => {
    expect(formatDuration(0)).toBe('0:00.0');
    expect(formatDuration(4_340)).toBe('0:04.3');
    expect(formatDuration(59_940)).toBe('0:59.9');
  });
  it('rounds to whole seconds from a minute on', () => {
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });
  it('never renders garbage for missing values', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(Number.NaN)).toBe('–');
    expect(formatDuration(-1)).toBe('–');
  });
});

describe('formatPause', () => {
  it('uses milliseconds below a second and seconds above', () => {
    expect(formatPause(400)).toBe('400ms');
    expect(formatPause(1500)).toBe('1.5s');
    expect(formatPause(1234)).toBe('1234ms');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  it('says just now for the last seconds', () => {
    expect(formatRelativeTime(new Date('2025-06-01T11:59:50Z'), now)).toBe('just now');
  });
  it('picks the largest sensible unit', () => {
    expect(formatRelativeTime(new Date('2025-06-01T11:55:00Z'), now)).toBe('5 minutes ago');
    expect(formatRelativeTime(new Date('2025-06-01T09:00:00Z'), now)).toBe('3 hours ago');
    expect(formatRelativeTime(new Date('2025-05-31T12:00:00Z'), now)).toBe('yesterday');
  });
  it('accepts ISO strings', () => {
    expect(formatRelativeTime('2025-06-01T11:00:00Z', now)).toBe('1 hour ago');
  });
});

describe('formatPercent and plural', () => {
  it('clamps and floors percentages', () => {
    expect(formatPercent(1, 3)).toBe('33%');
    expect(formatPercent(3, 3)).toBe('100%');
    expect(formatPercent(5, 3)).toBe('100%');
    expect(formatPercent(0, 0)).toBe('0%');
  });
  it('pluralises', () => {
    expect(plural(1, 'beat')).toBe('1 beat');
    expect(plural(2, 'beat')).toBe('2 beats');
    expect(plural(1200, 'take')).toBe('1,200 takes');
  });
});

describe('formatBytes', () => {
  it('picks a readable unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(14_540)).toBe('14.2 KB');
    expect(formatBytes(3_250_000)).toBe('3.1 MB');
  });
});
