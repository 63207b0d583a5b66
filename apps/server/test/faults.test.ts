/** Provider failures: transient ones are retried until every beat is voiced; an exhausted quota
 * stops the session with one clear error, keeps finished takes, and resumes on retryFailed. */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);
let standIn: ElevenLabsStandIn | undefined;
let test: TestStudio | undefined;

afterEach(async () => {
  await test?.close();
  await standIn?.close();
});

async function studioWith(options: Parameters<typeof startElevenLabsStandIn>[0]) {
  standIn = await startElevenLabsStandIn(options);
  test = await createTestStudio({ standIn });
  test.studio.worker.start();
  return { caller: createCaller({ ...test.studio.services, requestId: 'faults' }), test, standIn };
}

const logged = (logs: string[], message: string) =>
  logs
    .map((line) => JSON.parse(line) as { msg: string; code?: string })
    .filter((e) => e.msg === message);

describe('faults', () => {
  it('retries 20% failed requests (429/500) until every beat is ready, retries logged', async () => {
    const { caller, test, standIn } = await studioWith({
      latencyMs: 10,
      failureRate: 0.2,
      failureStatuses: [429, 500],
      retryAfterSeconds: 0,
      seed: 7,
    });
    const session = await caller.sessions.create({ source: numberedScript(15) });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();

    const view = await caller.sessions.get({ sessionId: session.id });
    expect(view.beats.map((beat) => beat.status)).toEqual(Array(15).fill('ready'));
    expect(view.beats.map((beat) => beat.takes.length)).toEqual(Array(15).fill(1));
    expect(standIn.counters.failures).toBeGreaterThan(0);
    const retries = logged(test.logs, 'speech request failed, retrying');
    expect(retries.length).toBe(standIn.counters.failures);
    expect(new Set(retries.map((retry) => retry.code))).toEqual(
      new Set(['rate_limited', 'server']),
    );
  });

  it('stops a session on an exhausted quota, keeps its takes, and finishes on retryFailed', async () => {
    const beats = 10;
    const lineLength = 'Line number 01 of the script.'.length;
    const { caller, test, standIn } = await studioWith({
      latencyMs: 20,
      characterQuota: lineLength * 4,
    });
    const session = await caller.sessions.create({ source: numberedScript(beats) });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();

    const stopped = await caller.sessions.get({ sessionId: session.id });
    expect(stopped.lastError?.code).toBe('quota_exceeded');
    expect(stopped.status).toBe('in_progress');
    const ready = stopped.beats.filter((beat) => beat.status === 'ready');
    const failed = stopped.beats.filter((beat) => beat.status === 'failed');
    expect(ready).toHaveLength(4);
    expect(failed).toHaveLength(beats - 4);
    expect(failed.every((beat) => beat.error?.code === 'quota_exceeded')).toBe(true);
    // Stopped instead of hammering: refused for quota at most as often as requests were in
    // flight (4), though twice as many beats were claimed.
    const refusedForQuota = standIn.requests.filter((request) => request.status === 401);
    expect(refusedForQuota.length).toBeGreaterThan(0);
    expect(refusedForQuota.length).toBeLessThanOrEqual(4);
    for (const beat of ready) {
      expect(beat.takes).toHaveLength(1);
      const stored = await test.studio.services.storage.stat(
        (await test.studio.services.storage.list(`takes/${session.id}/${beat.beatKey}-`))[0]!,
      );
      expect(stored?.size).toBeGreaterThan(0);
    }

    standIn.setQuota(Number.POSITIVE_INFINITY);
    expect(await caller.generation.retryFailed({ sessionId: session.id })).toEqual({
      queued: beats - 4,
    });
    await test.studio.worker.idle();
    const finished = await caller.sessions.get({ sessionId: session.id });
    expect(finished.lastError).toBeNull();
    expect(finished.beats.map((beat) => beat.status)).toEqual(Array(beats).fill('ready'));
    expect(finished.beats.map((beat) => beat.takes.length)).toEqual(Array(beats).fill(1));
    // The takes voiced before the stop are the same ones.
    for (const beat of ready) {
      expect(finished.beats.find((b) => b.id === beat.id)!.takes[0]!.id).toBe(beat.takes[0]!.id);
    }
  });
});
