/**
 * How many provider requests may run at once: the configured limit, never above the maximum the
 * provider last reported (ElevenLabs' `maximum-concurrent-requests` header), and a gate that
 * holds requests to it.
 */
import type { SpeechProvider } from '@studio/audio';

export interface ConcurrencyLimit {
  /** The limit now in force. */
  current(): number;
  /** The provider said where the account stands. */
  observe(report: { max: number }): void;
}

export function createConcurrencyLimit(configured: number): ConcurrencyLimit {
  let providerMax = Number.POSITIVE_INFINITY;
  return {
    current: () => Math.max(1, Math.min(configured, providerMax)),
    observe({ max }) {
      if (Number.isInteger(max) && max > 0) providerMax = max;
    },
  };
}

/** Holds `synthesize` calls to the limit and feeds the provider's reports back into it. */
export function gateProvider(provider: SpeechProvider, limit: ConcurrencyLimit): SpeechProvider {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    running--;
    while (waiting.length > 0 && running < limit.current()) {
      running++;
      waiting.shift()!();
    }
  };

  return {
    name: provider.name,
    cacheNamespace: provider.cacheNamespace,
    voiceKey: (request) => provider.voiceKey(request),
    async synthesize(request, options) {
      if (running < limit.current()) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        const result = await provider.synthesize(request, options);
        if (result.concurrency) limit.observe(result.concurrency);
        return result;
      } finally {
        release();
      }
    },
  };
}
