/**
 * How many provider requests may run at once: the configured limit, never above the maximum the
 * provider reports (ElevenLabs' `maximum-concurrent-requests` header), and lowered at once when
 * the provider refuses a request for too many at a time (another client shares the account, or
 * the plan's cap is lower than the configured limit before the first report came in).
 */
import { isSpeechError, type SpeechProvider } from '@studio/audio';

export interface ConcurrencyLimit {
  /** The limit now in force. */
  current(): number;
  /** The provider answered; `max` when it said where the account stands. */
  observe(report: { max: number } | undefined): void;
  /** The provider refused a request for exceeding its cap while `running` were in flight. */
  refused(running: number): void;
}

export function createConcurrencyLimit(
  configured: number,
  /** Told when the limit changes, e.g. to claim more work at once. */
  onChange: () => void = () => {},
): ConcurrencyLimit {
  let providerMax = Number.POSITIVE_INFINITY;
  const current = () => Math.max(1, Math.min(configured, providerMax));
  const update = (max: number) => {
    const before = current();
    providerMax = max;
    if (current() !== before) onChange();
  };
  return {
    current,
    observe(report) {
      if (report && Number.isInteger(report.max) && report.max > 0) update(report.max);
    },
    refused(running) {
      update(Math.max(1, Math.min(providerMax, running - 1)));
    },
  };
}

/**
 * One gate for the whole process: every provider it wraps shares its count, so requests of all
 * jobs together stay within the limit. Waiting calls are admitted in arrival order.
 */
export function createRequestGate(limit: ConcurrencyLimit) {
  let running = 0;
  const waiting: (() => void)[] = [];

  const admit = () => {
    while (waiting.length > 0 && running < limit.current()) {
      running++;
      waiting.shift()!();
    }
  };

  return function gate(provider: SpeechProvider): SpeechProvider {
    return {
      name: provider.name,
      cacheNamespace: provider.cacheNamespace,
      voiceKey: (request) => provider.voiceKey(request),
      async synthesize(request, options) {
        if (running < limit.current()) running++;
        else await new Promise<void>((resolve) => waiting.push(resolve));
        try {
          const result = await provider.synthesize(request, options);
          limit.observe(result.concurrency);
          return result;
        } catch (error) {
          if (isSpeechError(error) && error.providerStatus === 'too_many_concurrent_requests') {
            limit.refused(running);
          }
          throw error;
        } finally {
          running--;
          admit();
        }
      },
    };
  };
}

export type RequestGate = ReturnType<typeof createRequestGate>;
