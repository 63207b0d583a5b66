import type { SpeechError, SpeechErrorCode } from './speech-error.js';

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

export interface RetryPolicyOptions {
  /** Total attempts, the first one included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Uniform [0, 1): injected so the policy is a pure, testable function. */
  random?: () => number;
}

/** Worth trying again: the same request can succeed later. Never auth, quota, invalid, voice. */
const TRANSIENT: ReadonlySet<SpeechErrorCode> = new Set([
  'rate_limited',
  'server',
  'network',
  'timeout',
]);

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Exponential backoff with full jitter (delay uniform in [0, base·2^(attempt-1)], capped);
 * a `retry-after` from the provider is a floor. `attempt` counts attempts made so far (≥ 1).
 */
export function retryPolicy(
  error: Pick<SpeechError, 'code' | 'retryAfterMs'>,
  attempt: number,
  options: RetryPolicyOptions = {},
): RetryDecision {
  const {
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    random = Math.random,
  } = options;
  if (!TRANSIENT.has(error.code) || attempt >= maxAttempts) return { retry: false };
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  const floor = error.code === 'rate_limited' ? (error.retryAfterMs ?? 0) : 0;
  return { retry: true, delayMs: Math.max(floor, jittered) };
}
