import { setTimeout as sleep } from 'node:timers/promises';
import { retryPolicy, type RetryDecision } from './retry-policy.js';
import { isSpeechError, type SpeechError } from './speech-error.js';
import type { SpeechProvider } from './speech-provider.js';

export interface WithRetriesOptions {
  policy?: (error: SpeechError, attempt: number) => RetryDecision;
  /** Told before each wait, e.g. to show "rate limited, retrying in 2 s". */
  onRetry?: (event: { error: SpeechError; attempt: number; delayMs: number }) => void;
}

/**
 * Applies our retry policy around a provider. The ElevenLabs provider turns the SDK's own
 * retries off, so this is the only place a request is ever repeated.
 */
export function withRetries(
  provider: SpeechProvider,
  options: WithRetriesOptions = {},
): SpeechProvider {
  const policy = options.policy ?? ((error, attempt) => retryPolicy(error, attempt));
  return {
    name: provider.name,
    cacheNamespace: provider.cacheNamespace,
    voiceKey: (request) => provider.voiceKey(request),
    async synthesize(request, synthesizeOptions = {}) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await provider.synthesize(request, synthesizeOptions);
        } catch (error) {
          if (!isSpeechError(error)) throw error;
          const decision = policy(error, attempt);
          if (!decision.retry) throw error;
          options.onRetry?.({ error, attempt, delayMs: decision.delayMs });
          await sleep(decision.delayMs, undefined, { signal: synthesizeOptions.signal });
        }
      }
    },
  };
}
