/**
 * Slows down token guessing: an address that presented a wrong token `maxFailures` times within
 * a window is refused until that window ends, whatever it sends. Successes don't count. Memory
 * is bounded: past `maxAddresses` the oldest windows are forgotten first.
 */

export interface FailureLimiterOptions {
  maxFailures: number;
  windowMs: number;
  maxAddresses: number;
}

/**
 * Ten wrong tokens per address per five minutes: a person who mistyped gets several tries, while
 * guessing a 16+ character token at two tries a minute is hopeless.
 */
export const DEFAULT_FAILURE_LIMITS: FailureLimiterOptions = {
  maxFailures: 10,
  windowMs: 5 * 60_000,
  maxAddresses: 10_000,
};

export interface FailureLimiter {
  /** Seconds until the address may try again; 0 when it may now. */
  retryAfterS(address: string, now?: number): number;
  fail(address: string, now?: number): void;
}

export function createFailureLimiter({
  maxFailures,
  windowMs,
  maxAddresses,
}: FailureLimiterOptions = DEFAULT_FAILURE_LIMITS): FailureLimiter {
  /** Insertion order is window-start order: the first entries are the oldest. */
  const windows = new Map<string, { failures: number; endsAt: number }>();

  const live = (address: string, now: number) => {
    const window = windows.get(address);
    if (window && window.endsAt <= now) windows.delete(address);
    return window && window.endsAt > now ? window : undefined;
  };

  return {
    retryAfterS(address, now = Date.now()) {
      const window = live(address, now);
      return window && window.failures >= maxFailures ? Math.ceil((window.endsAt - now) / 1000) : 0;
    },
    fail(address, now = Date.now()) {
      const window = live(address, now);
      if (window) {
        window.failures++;
        return;
      }
      for (const oldest of windows.keys()) {
        if (windows.size < maxAddresses) break;
        windows.delete(oldest);
      }
      windows.set(address, { failures: 1, endsAt: now + windowMs });
    },
  };
}
