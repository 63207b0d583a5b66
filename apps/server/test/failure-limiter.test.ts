import { describe, expect, it } from 'vitest';
import { createFailureLimiter } from '../src/http/failure-limiter.js';

describe('the wrong-token limiter', () => {
  const limits = { maxFailures: 2, windowMs: 60_000, maxAddresses: 3 };

  it('blocks an address for the rest of its window once it failed too often', () => {
    const limiter = createFailureLimiter(limits);
    limiter.fail('a', 0);
    expect(limiter.retryAfterS('a', 1000)).toBe(0);
    limiter.fail('a', 1000);
    expect(limiter.retryAfterS('a', 1000)).toBe(59);
    expect(limiter.retryAfterS('b', 1000)).toBe(0);
    expect(limiter.retryAfterS('a', 60_000)).toBe(0);
  });

  it('remembers at most maxAddresses, forgetting the oldest first', () => {
    const limiter = createFailureLimiter(limits);
    for (const address of ['a', 'b', 'c', 'd']) {
      limiter.fail(address, 0);
      limiter.fail(address, 0);
    }
    expect(limiter.retryAfterS('a', 0)).toBe(0);
    for (const address of ['b', 'c', 'd']) expect(limiter.retryAfterS(address, 0)).toBe(60);
  });
});
