/**
 * Two studios on one database split the queue: every beat is voiced once, by one of them. On
 * Postgres (where `TEST_DATABASE_URL` names a server, as in CI) that is two processes' worth of
 * connections; on PGlite both studios share the one embedded database of this process.
 */
import { startElevenLabsStandIn } from '@studio/audio/testing';
import { availableTestEngines, createTestDatabase } from '@studio/db/testing';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, tempDir } from './support/studio.js';

describe.each(availableTestEngines())('two studios on one %s database', (engine) => {
  it('never voice a beat twice, and both do work', async () => {
    const standIn = await startElevenLabsStandIn({ latencyMs: 60, concurrencyCap: 8 });
    const database = await createTestDatabase({ engine });
    const dataDir = tempDir();
    // Both processes see the same database and the same storage.
    const a = await createTestStudio({ standIn, database, dataDir });
    const b = await createTestStudio({
      standIn,
      dataDir,
      database: { ...database, close: async () => {} },
    });
    try {
      const caller = createCallerFactory(appRouter)({ ...a.studio.services, requestId: 'shared' });
      const session = await caller.sessions.create({ source: numberedScript(24, 'Shared') });
      a.studio.worker.start();
      b.studio.worker.start();
      await caller.generation.start({ sessionId: session.id });
      // B was not told about the jobs: it finds them when it polls.
      for (;;) {
        await Promise.all([a.studio.worker.idle(), b.studio.worker.idle()]);
        const view = await caller.sessions.get({ sessionId: session.id });
        if (view.beats.every((beat) => beat.status === 'ready')) break;
      }

      const view = await caller.sessions.get({ sessionId: session.id });
      expect(view.beats.map((beat) => beat.takes.length)).toEqual(Array(24).fill(1));
      expect(standIn.counters.synthesized).toBe(24);
      const voicedBy = (logs: string[]) =>
        logs.filter((line) => line.includes('"beat voiced"')).length;
      expect(voicedBy(a.logs) + voicedBy(b.logs)).toBe(24);
      expect(voicedBy(a.logs)).toBeGreaterThan(0);
      expect(voicedBy(b.logs)).toBeGreaterThan(0);
    } finally {
      await b.close();
      await a.close();
      await standIn.close();
    }
  });
});
