import { describe, expect, it } from 'vitest';
import { retryPolicy, type SpeechErrorCode } from '../src/index.js';

const fixed = (value: number) => () => value;

describe('retryPolicy', () => {
  it.each<SpeechErrorCode>(['auth', 'quota_exceeded', 'invalid_request', 'voice_not_found'])(
    'never retries %s',
    (code) => {
      expect(retryPolicy({ code }, 1, { random: fixed(0.5) })).toEqual({ retry: false });
    },
  );

  it.each<SpeechErrorCode>(['rate_limited', 'server', 'network', 'timeout'])(
    'retries %s',
    (code) => {
      expect(retryPolicy({ code }, 1, { random: fixed(0.5) }).retry).toBe(true);
    },
  );

  it('backs off exponentially with full jitter', () => {
    const options = { baseDelayMs: 100, maxDelayMs: 10_000 };
    const ceiling = (attempt: number) =>
      retryPolicy({ code: 'server' }, attempt, { ...options, random: fixed(0.999999) });
    expect([1, 2, 3, 4].map((attempt) => ceiling(attempt))).toEqual([
      { retry: true, delayMs: 99 },
      { retry: true, delayMs: 199 },
      { retry: true, delayMs: 399 },
      { retry: true, delayMs: 799 },
    ]);
    expect(retryPolicy({ code: 'server' }, 3, { ...options, random: fixed(0) })).toEqual({
      retry: true,
      delayMs: 0,
    });
  });

  it('caps the delay', () => {
    const decision = retryPolicy({ code: 'network' }, 4, {
      baseDelayMs: 1000,
      maxDelayMs: 1500,
      maxAttempts: 10,
      random: fixed(0.999999),
    });
    expect(decision).toEqual({ retry: true, delayMs: 1499 });
  });

  it('stops after the maximum number of attempts', () => {
    expect(retryPolicy({ code: 'server' }, 4, { maxAttempts: 5 }).retry).toBe(true);
    expect(retryPolicy({ code: 'server' }, 5, { maxAttempts: 5 })).toEqual({ retry: false });
  });

  it('waits at least what retry-after asks when rate limited', () => {
    expect(
      retryPolicy({ code: 'rate_limited', retryAfterMs: 2000 }, 1, { random: fixed(0) }),
    ).toEqual({
      retry: true,
      delayMs: 2000,
    });
    // retry-after only binds rate limiting.
    expect(retryPolicy({ code: 'server', retryAfterMs: 2000 }, 1, { random: fixed(0) })).toEqual({
      retry: true,
      delayMs: 0,
    });
  });
});
