import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  SpeechError,
  type SpeechProvider,
  type SpeechRequest,
  type SpeechResult,
} from '@studio/audio';
import { createConcurrencyLimit, createRequestGate } from '../src/generation/concurrency.js';
import { createWorker } from '../src/generation/worker.js';

const silent = pino({ level: 'silent' });

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
        await sleep(ms, undefined, { signal });
        stats.done.push(job);
      } catch {
        stats.aborted.push(job);
      } finally {
        stats.running--;
      }
    },
  };
}

describe('generation worker', () => {
  it('keeps exactly the concurrency limit busy and drains the queue', async () => {
    const queue = fakeQueue(12, 30);
    const worker = createWorker({ ...queue, concurrency: () => 4, pollMs: 10_000, log: silent });
    const started = Date.now();
    worker.start();
    await worker.idle();
    const elapsed = Date.now() - started;
    await worker.stop();
    expect(queue.stats.done.sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(queue.stats.peak).toBe(4);
    // 12 jobs of 30 ms, 4 at a time: 3 rounds, not 12 (a freed slot is refilled at once).
    expect(elapsed).toBeLessThan(12 * 30);
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
    await sleep(50);
    await worker.stop();
    expect(done).toEqual([1, 2, 3]);
  });

  it('aborts the jobs in flight on stop', async () => {
    const queue = fakeQueue(3, 5_000);
    const worker = createWorker({ ...queue, concurrency: () => 2, pollMs: 10_000, log: silent });
    worker.start();
    await sleep(50);
    await worker.stop();
    expect(queue.stats.aborted.sort()).toEqual([0, 1]);
    expect(queue.stats.done).toEqual([]);
  });

  it('runs jobs normally after a restart', async () => {
    const queue = fakeQueue(4, 5_000);
    const worker = createWorker({ ...queue, concurrency: () => 2, pollMs: 10_000, log: silent });
    worker.start();
    await sleep(20);
    await worker.stop();
    worker.start();
    await sleep(20);
    // The jobs claimed after the restart run: they were not handed the old, aborted signal.
    expect(queue.stats.running).toBe(2);
    await worker.stop();
    expect(queue.stats.aborted).toHaveLength(4);
  });

  it('survives a failing claim and tries again', async () => {
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
    await sleep(100);
    await worker.idle();
    await worker.stop();
    expect(queue.stats.done.sort()).toEqual([0, 1]);
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
    await worker.idle();
    await worker.stop();
    expect(queue.stats.aborted).toEqual([1]);
    expect(queue.stats.done.sort()).toEqual([0, 2]);
    expect(renewals[0]).toEqual([0, 1, 2]);
    expect(renewals.length).toBeGreaterThan(2);
    expect(renewals.at(-1)).toEqual([0, 2]);
    const afterStop = renewals.length;
    await sleep(120);
    expect(renewals).toHaveLength(afterStop);
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
    await worker.idle();
    await worker.stop();
    expect(renewals).toBeGreaterThan(1);
    expect(queue.stats.aborted).toEqual([]);
    expect(queue.stats.done.sort()).toEqual([0, 1]);
  });
});

describe('concurrency gate', () => {
  function fakeProvider(reportedMax: number | null, ms = 20) {
    const stats = { running: 0, peak: 0 };
    const provider: SpeechProvider = {
      name: 'elevenlabs',
      cacheNamespace: 'fake',
      voiceKey: (request) => request.voiceId,
      async synthesize(_request: SpeechRequest): Promise<SpeechResult> {
        stats.running++;
        stats.peak = Math.max(stats.peak, stats.running);
        await sleep(ms);
        stats.running--;
        return {
          pcm: new Int16Array(0),
          sampleRate: 24_000,
          alignment: { characters: [], startMs: [], endMs: [] },
          charactersBilled: 0,
          requestId: null,
          modelId: 'm',
          ...(reportedMax === null
            ? {}
            : { concurrency: { current: stats.running, max: reportedMax } }),
        };
      },
    };
    return { provider, stats };
  }

  const request: SpeechRequest = {
    text: 'x',
    voiceId: 'v',
    modelId: 'm',
    settings: { stability: 0.5, similarityBoost: 0.5, style: 0, speed: 1 },
  };

  it('never runs more requests than the configured limit', async () => {
    const { provider, stats } = fakeProvider(null);
    const gated = createRequestGate(createConcurrencyLimit(3))(provider);
    await Promise.all(Array.from({ length: 10 }, () => gated.synthesize(request)));
    expect(stats.peak).toBe(3);
  });

  it('counts the requests of every provider it wraps together', async () => {
    const a = fakeProvider(null);
    const b = fakeProvider(null);
    const gate = createRequestGate(createConcurrencyLimit(2));
    const [gatedA, gatedB] = [gate(a.provider), gate(b.provider)];
    await gatedA.synthesize(request);
    let together = 0;
    const spy = setInterval(
      () => (together = Math.max(together, a.stats.running + b.stats.running)),
      1,
    );
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? gatedA : gatedB).synthesize(request)),
    );
    clearInterval(spy);
    expect(together).toBe(2);
  });

  it('lowers the limit when the provider refuses a request for too many at once', async () => {
    const limit = createConcurrencyLimit(6);
    let calls = 0;
    const refusing: SpeechProvider = {
      ...fakeProvider(null).provider,
      async synthesize() {
        calls++;
        await sleep(5);
        throw new SpeechError('rate_limited', 'too many', {
          status: 429,
          providerStatus: 'too_many_concurrent_requests',
        });
      },
    };
    const gated = createRequestGate(limit)(refusing);
    await Promise.allSettled(Array.from({ length: 6 }, () => gated.synthesize(request)));
    expect(calls).toBe(6);
    expect(limit.current()).toBe(1);
    // A later report restores what the plan allows.
    limit.observe({ max: 4 });
    expect(limit.current()).toBe(4);
  });

  it('lowers the limit to the maximum the provider reports', async () => {
    const { provider, stats } = fakeProvider(2);
    const limit = createConcurrencyLimit(8);
    const gated = createRequestGate(limit)(provider);
    await gated.synthesize(request);
    expect(limit.current()).toBe(2);
    await Promise.all(Array.from({ length: 10 }, () => gated.synthesize(request)));
    expect(stats.peak).toBe(2);
  });
});
