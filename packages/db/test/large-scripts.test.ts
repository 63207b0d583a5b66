/**
 * Scripts of thousands of beats: every statement that writes or names one row per beat must stay
 * under the wire protocol's 65,535 bind parameters (a beat row alone takes eight).
 */
import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  beats,
  createSessionFromScript,
  enqueueJobs,
  generationJobs,
  getSession,
  listSessions,
  replaceBeatsFromScript,
} from '../src/index.js';
import { engines, parsedBeat, script, useDatabase } from './helpers.js';

/** Past 65,535 / 8: one multi-row insert of these beats overflows the protocol. */
const BEATS = 9_000;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe.each(engines)('large scripts on %s', (engine) => {
  const database = useDatabase(engine);

  it(`creates a ${BEATS}-beat session, queues every beat and re-imports them away`, async () => {
    const { db } = database();
    const created = await createSessionFromScript(db, {
      script: script(ids('b', BEATS)),
      sourceEls: 'ELS',
    });
    expect(created.beats).toHaveLength(BEATS);
    expect(created.beats.at(-1)).toMatchObject({ beatKey: `b${BEATS - 1}`, position: BEATS - 1 });
    const [summary] = (await listSessions(db)).filter((s) => s.id === created.id);
    expect(summary).toMatchObject({ beatCount: BEATS, readyCount: 0 });

    const jobs = await enqueueJobs(
      db,
      created.id,
      created.beats.map((b) => ({ beatId: b.id, kind: 'generate' as const })),
    );
    expect(jobs).toHaveLength(BEATS);
    const [queued] = await db
      .select({ n: count() })
      .from(beats)
      .where(and(eq(beats.sessionId, created.id), eq(beats.status, 'queued')));
    expect(queued?.n).toBe(BEATS);

    // A re-import that removes every beat (their jobs cascade) and adds one.
    const { storageKeys } = await replaceBeatsFromScript(db, created.id, {
      sourceEls: 'ELS v2',
      remove: created.beats.map((b) => b.id),
      update: [],
      insert: [{ beat: parsedBeat('last'), position: 0 }],
    });
    expect(storageKeys).toEqual([]);
    expect((await getSession(db, created.id)).beats.map((b) => b.beatKey)).toEqual(['last']);
    const [jobsLeft] = await db
      .select({ n: count() })
      .from(generationJobs)
      .where(eq(generationJobs.sessionId, created.id));
    expect(jobsLeft?.n).toBe(0);
  }, 120_000);
});
