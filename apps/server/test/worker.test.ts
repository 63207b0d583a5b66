import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SpeechError,
  type SpeechProvider,
  type SpeechRequest,
  type SpeechResult,
} from '@studio/audio';
import { createConcurrencyLimit, createRequestGate } from '../src/generation/concurrency.js';
import { createWorker } from '../src/generation/worker.js';

const silent = pino({ level: 'silent' });

// Every test runs on fake time: jobs and requests "take" milliseconds that the test advances
// itself, so nothing depends on how fast the machine is.
beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** `ms` of (fake) time; rejects when `signal` aborts. */
function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}

/** Runs everything already due, without moving time on. */
const settle = () => vi.advanceTimersByTimeAsync(0);

/** A queue of `count` jobs that each take `ms`, recording how many ran at once. */
function fakeQueue(count: number, ms: number) {
  const pending = Array.from({ length: count }, (_, i) => i);
  const stats = { running: 0, peak: 0, done: [] as number[], aborted: [] as number[] };
  return {
    stats,
    claim: async (limit: number) => pending.splice(0, limit),
    run: async (job: number, signal: AbortSignal) => {
      stats.running++;
      stats.peak = Math.max(stats.peak, stats.running);
      try {
        await delay(ms, signal);
        stats.done.push(job);
      } catch {
        stats.aborted.push(job);
      } finally {
        stats.running--;
      }
    },
  };
}

const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);

describe('generation worker', () => {
  it('keeps exactly the concurrency limit busy and drains the queue', async () => {
    const queue = fakeQueue(12, 30);
    const worker = createWorker({ ...queue, concurrency: () => 4, pollMs: 10_000, log: silent });
    worker.start();
    // 12 jobs of 30 ms, 4 at a time: done in 3 rounds, long before the next poll (a freed slot
    // is refilled at once).
    await vi.advanceTimersByTimeAsync(2 * 30);
    expect(queue.stats.done).toHaveLength(8);
    await vi.advanceTimersByTimeAsync(30);
    expect(sorted(queue.stats.done)).toEqual([...Array(12).keys()]);
    expect(queue.stats.peak).toBe(4);
    await worker.idle();
    await worker.stop();
  });

  it('picks up work it is told about without waiting for the poll', async () => {
    const pending: number[] = [];
    const done: number[] = [];
    const worker = createWorker({
      claim: async (limit) => pending.splice(0, limit),
      run: async (job) => void done.push(job),
      concurrency: () => 2,
      pollMs: 60_000,
      log: silent,
    });
    worker.start();
    await worker.idle();
    pending.push(1, 2, 3);
    worker.wake();
    await settle();
    expect(done).toEqual([1, 2, 3]);
    await worker.stop();
  });

  it('aborts the jobs in flight on stop', async () => {
    const queue = fakeQueue(3, 5_000);
    const worker = createWorker({ ...queue, concurrency: () => 2, pollMs: 10_000, log: silent });
    worker.start();
    await settle();
    expect(queue.stats.running).toBe(2);
    await worker.stop();
    expect(sorted(queue.stats.aborted)).toEqual([0, 1]);
    expect(queue.stats.done).toEqual([]);
  });

  it('runs jobs normally after a restart', async () => {
    const queue = fakeQueue(4, 5_000);
    const worker = createWorker({ ...queue, concurrency: () => 2, pollMs: 10_000, log: silent });
    worker.start();
    await settle();
    await worker.stop();
    worker.start();
    await settle();
    // The jobs claimed after the restart run: they were not handed the old, aborted signal.
    expect(queue.stats.running).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sorted(queue.stats.done)).toEqual([2, 3]);
    await worker.stop();
    expect(sorted(queue.stats.aborted)).toEqual([0, 1]);
  });

  it('survives a failing claim and tries again at the next poll', async () => {
    let calls = 0;
    const queue = fakeQueue(2, 1);
    const worker = createWorker({
      claim: async (limit) => {
        if (++calls === 1) throw new Error('database unavailable');
        return queue.claim(limit);
      },
      run: queue.run,
      concurrency: () => 2,
      pollMs: 10,
      log: silent,
    });
    worker.start();
    await settle();
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sorted(queue.stats.done)).toEqual([0, 1]);
    await worker.stop();
  });

  it('renews the claims on running jobs and stops only a job it no longer holds', async () => {
    const queue = fakeQueue(3, 400);
    const renewals: number[][] = [];
    const worker = createWorker({
      ...queue,
      concurrency: () => 3,
      pollMs: 10_000,
      log: silent,
      lease: {
        everyMs: 40,
        // Job 1 was taken over by another worker.
        renew: async (jobs) => {
          renewals.push([...jobs]);
          return jobs.filter((job) => job !== 1);
        },
      },
    });
    worker.start();
    await vi.advanceTimersByTimeAsync(40);
    expect(renewals).toEqual([[0, 1, 2]]);
    expect(queue.stats.aborted).toEqual([1]);
    await vi.advanceTimersByTimeAsync(400);
    expect(sorted(queue.stats.done)).toEqual([0, 2]);
    expect(renewals.length).toBeGreaterThan(2);
    expect(renewals.slice(1).every((jobs) => jobs.join() === '0,2')).toBe(true);
    await worker.idle();
    await worker.stop();
    // Nothing left scheduled: no renewal, no poll.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps its jobs running when a renewal fails', async () => {
    const queue = fakeQueue(2, 200);
    let renewals = 0;
    const worker = createWorker({
      ...queue,
      concurrency: () => 2,
      pollMs: 10_000,
      log: silent,
      lease: {
        everyMs: 30,
        renew: async () => {
          renewals++;
          throw new Error('database unavailable');
        },
      },
    });
    worker.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(renewals).toBeGreaterThan(1);
    expect(queue.stats.aborted).toEqual([]);
    expect(sorted(queue.stats.done)).toEqual([0, 1]);
    await worker.stop();
  });
});

describe('concurrency gate', () => {
  /** Providers that count, together, how many of their requests run at once. */
  function fakeProviders(reportedMax: number | null, ms = 20) {
    const stats = { running: 0, peak: 0 };
    const provider = (): SpeechProvider => ({
      name: 'elevenlabs',
      cacheNamespace: 'fake',
      voiceKey: (request) => request.voiceId,
      async synthesize(_request: SpeechRequest): Promise<SpeechResult> {
        stats.running++;
        stats.peak = Math.max(stats.peak, stats.running);
        await delay(ms);
        stats.running--;
        return {
          pcm: new Int16Array(0),
          sampleRate: 24_000,
          alignment: { characters: [], startMs: [], endMs: [] },
          charactersBilled: 0,
          requestId: null,
          continuity: { previous: 'none', next: 'none' },
          voicedAt: 0,
          modelId: 'm',
          ...(reportedMax === null
            ? {}
            : { concurrency: { current: stats.running, max: reportedMax } }),
        };
      },
    });
    return { provider, stats };
  }

  /** Settles the calls, moving fake time on until every one has answered. */
  async function all<T>(calls: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
    const settled = Promise.allSettled(calls);
    await vi.runAllTimersAsync();
    return settled;
  }

  const request: SpeechRequest = {
    text: 'x',
    voiceId: 'v',
    modelId: 'm',
    settings: { stability: 0.5, similarityBoost: 0.5, style: 0, speed: 1 },
  };

  it('never runs more requests than the configured limit', async () => {
    const { provider, stats } = fakeProviders(null);
    const gated = createRequestGate(createConcurrencyLimit(3))(provider());
    const results = await all(Array.from({ length: 10 }, () => gated.synthesize(request)));
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(stats.peak).toBe(3);
  });

  it('counts the requests of every provider it wraps together', async () => {
    const { provider, stats } = fakeProviders(null);
    const gate = createRequestGate(createConcurrencyLimit(2));
    const [gatedA, gatedB] = [gate(provider()), gate(provider())];
    await all(Array.from({ length: 6 }, (_, i) => (i % 2 ? gatedA : gatedB).synthesize(request)));
    expect(stats.peak).toBe(2);
  });

  it('lowers the limit when the provider refuses a request for too many at once', async () => {
    const limit = createConcurrencyLimit(6);
    let calls = 0;
    const refusing: SpeechProvider = {
      ...fakeProviders(null).provider(),
      async synthesize() {
        calls++;
        await delay(5);
        throw new SpeechError('rate_limited', 'too many', {
          status: 429,
          providerStatus: 'too_many_concurrent_requests',
        });
      },
    };
    const gated = createRequestGate(limit)(refusing);
    await all(Array.from({ length: 6 }, () => gated.synthesize(request)));
    expect(calls).toBe(6);
    expect(limit.current()).toBe(1);
    // A later report restores what the plan allows.
    limit.observe({ max: 4 });
    expect(limit.current()).toBe(4);
  });

  it('lowers the limit to the maximum the provider reports', async () => {
    const { provider, stats } = fakeProviders(2);
    const limit = createConcurrencyLimit(8);
    const gated = createRequestGate(limit)(provider());
    await all([gated.synthesize(request)]);
    expect(limit.current()).toBe(2);
    await all(Array.from({ length: 10 }, () => gated.synthesize(request)));
    expect(stats.peak).toBe(2);
  });
});
