import { eq, inArray, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addTake,
  beats,
  cancelJobs,
  claimJobs,
  completeJob,
  createSessionFromScript,
  enqueueJobs,
  failJob,
  generationJobs,
  getSession,
  hasOpenJobs,
  listSessionJobs,
  openJobIds,
  renewLeases,
  requeueInterrupted,
  takes,
  updateBeatFromScript,
  type BeatRow,
  type StudioDb,
} from '../src/index.js';
import {
  engines,
  expectDbError,
  parsedBeat,
  script,
  sleep,
  takeInput,
  useDatabase,
} from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const LEASE = { leaseMs: 60_000 };

async function newSession(db: StudioDb, beatIds = ['a', 'b', 'c']) {
  return createSessionFromScript(db, { script: script(beatIds), sourceEls: '' });
}

async function beatById(db: StudioDb, id: string): Promise<BeatRow> {
  const [beat] = await db.select().from(beats).where(eq(beats.id, id));
  return beat!;
}

async function jobById(db: StudioDb, id: string) {
  const [job] = await db.select().from(generationJobs).where(eq(generationJobs.id, id));
  return job!;
}

/** What the audio pipeline reports for a job's take. */
function produced(voicedText = 'Words of a.', charactersBilled = 42) {
  const { beatId: _beatId, ...take } = takeInput('unused', { voicedText, charactersBilled });
  return take;
}

describe.each(engines)('generation jobs on %s', (engine) => {
  const database = useDatabase(engine);

  // claimJobs serves the whole database: start every test with an empty queue.
  beforeEach(async () => {
    await database()
      .db.update(generationJobs)
      .set({ status: 'cancelled', leaseOwner: null, leaseExpiresAt: null })
      .where(inArray(generationJobs.status, ['queued', 'running']));
  });

  it('enqueues jobs in order and marks their beats queued', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [a, b, c] = session.beats;
    const jobs = await enqueueJobs(db, session.id, [
      { beatId: a!.id, kind: 'generate' },
      { beatId: b!.id, kind: 'regenerate', overrides: { direction: 'angrier', stability: 0.2 } },
    ]);
    expect(jobs.map((j) => [j.beatId, j.kind, j.status, j.attempts])).toEqual([
      [a!.id, 'generate', 'queued', 0],
      [b!.id, 'regenerate', 'queued', 0],
    ]);
    expect(jobs[0]!.overrides).toEqual({});
    expect(jobs[1]!.overrides).toEqual({ direction: 'angrier', stability: 0.2 });
    expect(await listSessionJobs(db, session.id)).toEqual(jobs);
    expect((await beatById(db, a!.id)).status).toBe('queued');
    expect((await beatById(db, b!.id)).status).toBe('queued');
    expect((await beatById(db, c!.id)).status).toBe('pending');
  });

  it('skips a generate for a beat with an open generate; regenerate always queues', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [a] = session.beats;
    const generate = { beatId: a!.id, kind: 'generate' as const };
    const regenerate = { beatId: a!.id, kind: 'regenerate' as const };

    expect(await enqueueJobs(db, session.id, [generate, generate])).toHaveLength(1);
    expect(await enqueueJobs(db, session.id, [generate])).toEqual([]);
    expect(await enqueueJobs(db, session.id, [regenerate, regenerate])).toHaveLength(2);

    const [claimed] = await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });
    expect(claimed?.kind).toBe('generate');
    expect(await enqueueJobs(db, session.id, [generate])).toEqual([]); // running is open too
    await completeJob(db, claimed!.id, produced());
    expect(await enqueueJobs(db, session.id, [generate])).toHaveLength(1);
  });

  it('racing generate requests for one beat create one job', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const created = await Promise.all(
      Array.from({ length: 10 }, () => enqueueJobs(db, session.id, [{ beatId, kind: 'generate' }])),
    );
    expect(created.flat()).toHaveLength(1);
    expect(await listSessionJobs(db, session.id)).toHaveLength(1);
  });

  it('refuses unknown sessions, foreign beats and invalid overrides', async () => {
    const { db } = database();
    const session = await newSession(db);
    const other = await newSession(db);
    const beatId = session.beats[0]!.id;
    await expectDbError(
      enqueueJobs(db, MISSING, [{ beatId, kind: 'generate' }]),
      'SESSION_NOT_FOUND',
    );
    await expectDbError(
      enqueueJobs(db, other.id, [{ beatId, kind: 'generate' }]),
      'BEAT_NOT_FOUND',
    );
    await expectDbError(
      enqueueJobs(db, session.id, [
        { beatId, kind: 'generate' },
        { beatId, kind: 'regenerate', overrides: { stability: 1.5 } },
      ]),
      'INVALID_SETTINGS',
      '1.overrides.stability',
    );
    await expectDbError(
      enqueueJobs(db, session.id, [
        { beatId, kind: 'regenerate', overrides: { pace: 'warp' as never } },
      ]),
      'INVALID_SETTINGS',
      '0.overrides.pace',
    );
    await expectDbError(
      enqueueJobs(db, session.id, [{ beatId, kind: 'remix' as never }]),
      'INVALID_SETTINGS',
      '0.kind',
    );
    expect(await listSessionJobs(db, session.id)).toEqual([]);
  });

  it('claims in FIFO order up to the limit, leasing jobs and marking beats generating', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [a, b, c] = session.beats;
    const jobs = await enqueueJobs(
      db,
      session.id,
      [a, b, c].map((beat) => ({ beatId: beat!.id, kind: 'generate' as const })),
    );
    const claimed = await claimJobs(db, { owner: 'w1', limit: 2, leaseMs: 30_000 });
    expect(claimed.map((j) => j.id)).toEqual([jobs[0]!.id, jobs[1]!.id]);
    for (const job of claimed) {
      expect(job).toMatchObject({ status: 'running', attempts: 1, leaseOwner: 'w1' });
      const leaseLeft = job.leaseExpiresAt!.getTime() - Date.now();
      expect(leaseLeft).toBeGreaterThan(20_000);
      expect(leaseLeft).toBeLessThan(40_000);
    }
    expect((await beatById(db, a!.id)).status).toBe('generating');
    expect((await beatById(db, c!.id)).status).toBe('queued');

    expect((await claimJobs(db, { owner: 'w2', limit: 5, ...LEASE })).map((j) => j.id)).toEqual([
      jobs[2]!.id,
    ]);
    expect(await claimJobs(db, { owner: 'w2', limit: 5, ...LEASE })).toEqual([]);
    await expectDbError(
      claimJobs(db, { owner: 'w', limit: 0, ...LEASE }),
      'INVALID_INPUT',
      'limit',
    );
    await expectDbError(
      claimJobs(db, { owner: 'w', limit: 1, leaseMs: 0 }),
      'INVALID_INPUT',
      'leaseMs',
    );
  });

  it('reclaims a job whose lease expired', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [job] = await enqueueJobs(db, session.id, [
      { beatId: session.beats[0]!.id, kind: 'generate' },
    ]);
    await claimJobs(db, { owner: 'dead-worker', limit: 1, leaseMs: 1 });
    await sleep(20);
    const [reclaimed] = await claimJobs(db, { owner: 'w2', limit: 1, ...LEASE });
    expect(reclaimed).toMatchObject({ id: job!.id, leaseOwner: 'w2', attempts: 2 });
    expect(await claimJobs(db, { owner: 'w3', limit: 1, ...LEASE })).toEqual([]);
  });

  it('completes a job in one step: take, selection, job, beat and spend', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const [job] = await enqueueJobs(db, session.id, [{ beatId, kind: 'generate' }]);
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });
    await setBeatError(db, beatId);

    const done = await completeJob(db, job!.id, produced());
    expect(done).toMatchObject({ created: true, selected: true });
    expect(done.take).toMatchObject({ beatId, jobId: job!.id, charactersBilled: 42 });
    expect(await jobById(db, job!.id)).toMatchObject({
      status: 'done',
      leaseOwner: null,
      leaseExpiresAt: null,
    });
    expect(await beatById(db, beatId)).toMatchObject({
      status: 'ready',
      selectedTakeId: done.take.id,
      lastErrorCode: null,
      lastErrorMessage: null,
    });
    expect((await getSession(db, session.id)).charactersSpent).toBe(42);
  });

  it('completing a job again returns its take and adds nothing', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const [job] = await enqueueJobs(db, session.id, [{ beatId, kind: 'generate' }]);
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });

    const results = await Promise.all(
      Array.from({ length: 5 }, () => completeJob(db, job!.id, produced())),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const again = await completeJob(db, job!.id, produced());
    expect(again).toMatchObject({ created: false, selected: true });
    expect(new Set([...results, again].map((r) => r.take.id)).size).toBe(1);
    expect(await db.select().from(takes).where(eq(takes.beatId, beatId))).toHaveLength(1);
    expect((await getSession(db, session.id)).charactersSpent).toBe(42);
    await expectDbError(completeJob(db, MISSING, produced()), 'JOB_NOT_FOUND');
  });

  it('a completion that fails writes nothing: job, beat, takes and spend stay as they were', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const [job] = await enqueueJobs(db, session.id, [{ beatId, kind: 'generate' }]);
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });

    // A negative duration breaks a check constraint on the take, after the job row is locked.
    await expect(completeJob(db, job!.id, { ...produced(), durationMs: -1 })).rejects.toThrow();
    expect(await jobById(db, job!.id)).toMatchObject({ status: 'running', leaseOwner: 'w1' });
    expect(await beatById(db, beatId)).toMatchObject({
      status: 'generating',
      selectedTakeId: null,
    });
    expect(await db.select().from(takes).where(eq(takes.beatId, beatId))).toHaveLength(0);
    expect((await getSession(db, session.id)).charactersSpent).toBe(0);

    const done = await completeJob(db, job!.id, produced());
    expect(done).toMatchObject({ created: true, selected: true });
  });

  it('a regenerated take does not replace the selection', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const { take: chosen } = await addTake(db, takeInput(beatId));
    const [job] = await enqueueJobs(db, session.id, [{ beatId, kind: 'regenerate' }]);
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });
    const done = await completeJob(db, job!.id, produced());
    expect(done.selected).toBe(false);
    expect((await beatById(db, beatId)).selectedTakeId).toBe(chosen.id);
  });

  it('a take of text a re-import changed leaves the beat stale', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beat = session.beats[0]!;
    const [oldJob, newJob] = await enqueueJobs(db, session.id, [
      { beatId: beat.id, kind: 'generate' },
      { beatId: beat.id, kind: 'regenerate' },
    ]);
    await claimJobs(db, { owner: 'w1', limit: 2, ...LEASE });
    await updateBeatFromScript(db, {
      beatId: beat.id,
      beat: parsedBeat('a', 'Brand new words.'),
      position: 0,
      staleReason: 'text changed',
    });

    await completeJob(db, oldJob!.id, produced(beat.text));
    expect(await beatById(db, beat.id)).toMatchObject({
      status: 'stale',
      staleReason: 'text changed',
    });
    await completeJob(db, newJob!.id, produced('Brand new words.'));
    expect(await beatById(db, beat.id)).toMatchObject({ status: 'ready', staleReason: null });
  });

  it('fails a job for a retry later, or for good', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const [job] = await enqueueJobs(db, session.id, [{ beatId, kind: 'generate' }]);
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });

    const retryAt = new Date(Date.now() + 60_000);
    const retried = await failJob(db, job!.id, { code: 'rate_limited', message: '429', retryAt });
    expect(retried).toMatchObject({
      status: 'queued',
      notBefore: retryAt,
      lastErrorCode: 'rate_limited',
      leaseOwner: null,
    });
    expect((await beatById(db, beatId)).status).toBe('queued');
    expect(await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE })).toEqual([]); // backoff
    await db
      .update(generationJobs)
      .set({ notBefore: sql`now() - interval '1 second'` })
      .where(eq(generationJobs.id, job!.id));
    expect(await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE })).toHaveLength(1);

    const failed = await failJob(db, job!.id, { code: 'invalid_text', message: 'bad text' });
    expect(failed).toMatchObject({ status: 'failed', lastErrorCode: 'invalid_text', attempts: 2 });
    expect(await beatById(db, beatId)).toMatchObject({
      status: 'failed',
      lastErrorCode: 'invalid_text',
      lastErrorMessage: 'bad text',
    });
    await expectDbError(failJob(db, MISSING, { code: 'x', message: 'y' }), 'JOB_NOT_FOUND');
  });

  it('a late failure does not undo a completed job', async () => {
    const { db } = database();
    const session = await newSession(db);
    const beatId = session.beats[0]!.id;
    const [job] = await enqueueJobs(db, session.id, [{ beatId, kind: 'generate' }]);
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });
    await completeJob(db, job!.id, produced());
    expect((await failJob(db, job!.id, { code: 'timeout', message: 'late' })).status).toBe('done');
    expect(await beatById(db, beatId)).toMatchObject({ status: 'ready', lastErrorCode: null });
  });

  it('cancels open jobs and returns beats to their resting status', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [fresh, voiced, outdated] = session.beats;
    await addTake(db, takeInput(voiced!.id));
    await addTake(db, takeInput(outdated!.id));
    await updateBeatFromScript(db, {
      beatId: outdated!.id,
      beat: parsedBeat('c', 'Other words.'),
      position: 2,
      staleReason: 'text changed',
    });
    await enqueueJobs(
      db,
      session.id,
      [fresh, voiced, outdated].map((b) => ({ beatId: b!.id, kind: 'regenerate' as const })),
    );
    await claimJobs(db, { owner: 'w1', limit: 1, ...LEASE });
    expect(await hasOpenJobs(db, session.id)).toBe(true);

    const cancelled = await cancelJobs(db, session.id);
    expect(cancelled.map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const statuses = await Promise.all(
      [fresh, voiced, outdated].map(async (b) => (await beatById(db, b!.id)).status),
    );
    expect(statuses).toEqual(['pending', 'ready', 'stale']);
    expect(await claimJobs(db, { owner: 'w1', limit: 5, ...LEASE })).toEqual([]);
    expect(await cancelJobs(db, session.id)).toEqual([]);
    expect(await hasOpenJobs(db, session.id)).toBe(false);
  });

  it('renews the leases an owner still holds, and only those', async () => {
    const { db } = database();
    const session = await newSession(db, ['a', 'b', 'c', 'd']);
    const jobs = await enqueueJobs(
      db,
      session.id,
      session.beats.map((beat) => ({ beatId: beat.id, kind: 'generate' as const })),
    );
    const ids = jobs.map((job) => job.id);
    await claimJobs(db, { owner: 'me', limit: 2, leaseMs: 1_000 });
    await claimJobs(db, { owner: 'other', limit: 1, leaseMs: 1_000 });
    await completeJob(db, ids[1]!, produced());

    // Only a: b is done, c is another owner's, d is still queued.
    expect(await renewLeases(db, { owner: 'me', jobIds: ids, leaseMs: 60_000 })).toEqual([ids[0]]);
    const leaseLeft = (await jobById(db, ids[0]!)).leaseExpiresAt!.getTime() - Date.now();
    expect(leaseLeft).toBeGreaterThan(50_000);
    expect((await jobById(db, ids[2]!)).leaseExpiresAt!.getTime() - Date.now()).toBeLessThan(2_000);

    // A lease that ran out and was taken over is no longer renewed for its first owner.
    await claimJobs(db, { owner: 'me', limit: 1, leaseMs: 1 });
    await sleep(20);
    const [takenOver] = await claimJobs(db, { owner: 'other', limit: 1, ...LEASE });
    expect(takenOver).toMatchObject({ id: ids[3], leaseOwner: 'other' });
    expect(await renewLeases(db, { owner: 'me', jobIds: [takenOver!.id], ...LEASE })).toEqual([]);

    await cancelJobs(db, session.id);
    expect(await renewLeases(db, { owner: 'me', jobIds: ids, ...LEASE })).toEqual([]);
    expect(await renewLeases(db, { owner: 'me', jobIds: [], ...LEASE })).toEqual([]);
    await expectDbError(
      renewLeases(db, { owner: 'me', jobIds: ids, leaseMs: 0 }),
      'INVALID_INPUT',
      'leaseMs',
    );
  });

  it('requeues interrupted jobs: expired leases and the restarting owner', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [a, b, c] = session.beats;
    const jobs = await enqueueJobs(
      db,
      session.id,
      [a, b, c].map((beat) => ({ beatId: beat!.id, kind: 'generate' as const })),
    );
    await claimJobs(db, { owner: 'me', limit: 1, ...LEASE });
    await claimJobs(db, { owner: 'alive', limit: 1, ...LEASE });
    await claimJobs(db, { owner: 'crashed', limit: 1, leaseMs: 1 });
    await sleep(20);

    const requeued = await requeueInterrupted(db, { owner: 'me' });
    expect(requeued.map((j) => j.id)).toEqual([jobs[0]!.id, jobs[2]!.id]);
    expect(requeued.every((j) => j.status === 'queued' && j.leaseOwner === null)).toBe(true);
    expect((await beatById(db, a!.id)).status).toBe('queued');
    expect((await beatById(db, c!.id)).status).toBe('queued');
    expect(await jobById(db, jobs[1]!.id)).toMatchObject({
      status: 'running',
      leaseOwner: 'alive',
    });
    expect((await beatById(db, b!.id)).status).toBe('generating');
    expect((await requeueInterrupted(db)).map((j) => j.id)).toEqual([]);
  });

  it('lists the ids of open jobs, queued and running', async () => {
    const { db } = database();
    const session = await newSession(db);
    const jobs = await enqueueJobs(
      db,
      session.id,
      session.beats.map((beat) => ({ beatId: beat.id, kind: 'generate' as const })),
    );
    const [running, done] = await claimJobs(db, { owner: 'w1', limit: 2, ...LEASE });
    await completeJob(db, done!.id, produced());
    expect((await openJobIds(db)).sort()).toEqual([running!.id, jobs[2]!.id].sort());
  });

  it('concurrent claims from several owners never hand out a job twice', async () => {
    const { db } = database();
    const session = await newSession(
      db,
      Array.from({ length: 40 }, (_, i) => `beat-${i}`),
    );
    const jobs = await enqueueJobs(
      db,
      session.id,
      session.beats.map((beat) => ({ beatId: beat.id, kind: 'generate' as const })),
    );
    const owners = ['w1', 'w2', 'w3', 'w4', 'w5'];
    const claimedBy = await Promise.all(
      owners.map(async (owner) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await claimJobs(db, { owner, limit: 3, ...LEASE });
          if (batch.length === 0) return mine;
          expect(batch.every((j) => j.leaseOwner === owner)).toBe(true);
          mine.push(...batch.map((j) => j.id));
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all).toHaveLength(jobs.length);
    expect(new Set(all)).toEqual(new Set(jobs.map((j) => j.id)));
  });
});

async function setBeatError(db: StudioDb, beatId: string) {
  await db
    .update(beats)
    .set({ lastErrorCode: 'timeout', lastErrorMessage: 'previous attempt' })
    .where(eq(beats.id, beatId));
}
