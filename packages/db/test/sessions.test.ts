import { count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addCharactersSpent,
  addTake,
  beats,
  createExport,
  createSessionFromScript,
  deleteSession,
  enqueueJobs,
  generationJobs,
  getSession,
  listSessions,
  renameSession,
  selectTake,
  sessionExports,
  sessions,
  setBeatStatus,
  setSessionError,
  setSessionStatus,
  takes,
} from '../src/index.js';
import {
  engines,
  expectDbError,
  expectPgError,
  script,
  sleep,
  takeInput,
  useDatabase,
} from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(engines)('sessions on %s', (engine) => {
  const database = useDatabase(engine);

  it('creates a session and its beats from a parsed script', async () => {
    const { db } = database();
    const parsed = script(['hook', 'setup', 'payoff']);
    const created = await createSessionFromScript(db, { script: parsed, sourceEls: 'ELS…' });

    expect(created).toMatchObject({
      videoTitle: 'Why rates matter',
      project: 'trash-panda',
      status: 'draft',
      sourceEls: 'ELS…',
      charactersSpent: 0,
      lastError: null,
    });
    expect(created.beats.map((b) => [b.beatKey, b.position, b.status])).toEqual([
      ['hook', 0, 'pending'],
      ['setup', 1, 'pending'],
      ['payoff', 2, 'pending'],
    ]);
    const loaded = await getSession(db, created.id);
    expect(loaded).toEqual(created);
    expect(loaded.beats[1]?.parsed).toEqual(parsed.beats[1]);
    expect(loaded.beats[1]).toMatchObject({
      number: 2,
      name: 'Beat setup',
      text: 'Words of setup.',
      selectedTakeId: null,
      takes: [],
    });
  });

  it('titles a session from the override, else the script, else "Untitled"', async () => {
    const { db } = database();
    const named = await createSessionFromScript(db, {
      script: script(['a']),
      sourceEls: '',
      videoTitle: 'From the file name',
    });
    const untitled = await createSessionFromScript(db, {
      script: script(['a'], null),
      sourceEls: '',
    });
    expect([named.videoTitle, untitled.videoTitle]).toEqual(['From the file name', 'Untitled']);
  });

  it('refuses beat ids that differ only in case, leaving nothing behind', async () => {
    const { db } = database();
    const [before] = await db.select({ n: count() }).from(sessions);
    await expectDbError(
      createSessionFromScript(db, { script: script(['intro', 'Intro']), sourceEls: '' }),
      'DUPLICATE_BEAT',
    );
    const [after] = await db.select({ n: count() }).from(sessions);
    expect(after?.n).toBe(before?.n);
  });

  it('lists sessions newest first with progress, duration and spend', async () => {
    const { db } = database();
    const older = await createSessionFromScript(db, { script: script(['a', 'b']), sourceEls: '' });
    await sleep(5);
    const newer = await createSessionFromScript(db, {
      script: script(['a', 'b', 'c', 'd']),
      sourceEls: '',
    });
    const [a, b, c] = newer.beats;
    const first = await addTake(db, takeInput(a!.id, { durationMs: 1500 }));
    await addTake(db, takeInput(a!.id, { durationMs: 9000 })); // not selected: not counted
    await addTake(db, takeInput(b!.id, { durationMs: 2500 }));
    await setBeatStatus(db, a!.id, 'ready');
    await setBeatStatus(db, b!.id, 'ready');
    await setBeatStatus(db, c!.id, 'failed', { code: 'quota_exceeded', message: 'out' });
    await addCharactersSpent(db, newer.id, 120);
    expect(first.selected).toBe(true);

    const listed = await listSessions(db);
    const ids = listed.map((s) => s.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(listed.find((s) => s.id === newer.id)).toMatchObject({
      beatCount: 4,
      readyCount: 2,
      progress: 0.5,
      totalDurationMs: 4000,
      charactersSpent: 120,
    });
    // A summary: the script stays on getSession.
    expect(listed.find((s) => s.id === newer.id)).not.toHaveProperty('sourceEls');
    expect(listed.find((s) => s.id === older.id)).toMatchObject({
      beatCount: 2,
      readyCount: 0,
      progress: 0,
      totalDurationMs: 0,
    });
  });

  it('returns beats in script order with their takes oldest first', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, {
      script: script(['one', 'two']),
      sourceEls: '',
    });
    const [one, two] = session.beats;
    const t1 = await addTake(db, takeInput(two!.id));
    const t2 = await addTake(db, takeInput(two!.id));
    const t3 = await addTake(db, takeInput(two!.id));
    await selectTake(db, { beatId: two!.id, takeId: t2.take.id });

    const loaded = await getSession(db, session.id);
    expect(loaded.beats.map((b) => b.id)).toEqual([one!.id, two!.id]);
    expect(loaded.beats[0]?.takes).toEqual([]);
    expect(loaded.beats[1]?.takes.map((t) => t.id)).toEqual([t1, t2, t3].map((t) => t.take.id));
    expect(loaded.beats[1]?.selectedTakeId).toBe(t2.take.id);
    expect(loaded.beats[1]?.takes[0]).toEqual({ ...t1.take, decision: null, notes: [] });
  });

  it('renames, sets status and session-level errors', async () => {
    const { db } = database();
    const { id } = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    expect((await renameSession(db, id, 'New title')).videoTitle).toBe('New title');
    await expectDbError(renameSession(db, id, '  '), 'INVALID_INPUT', 'videoTitle');
    expect((await setSessionStatus(db, id, 'generating')).status).toBe('generating');
    const error = { code: 'quota_exceeded', message: 'Quota exceeded' };
    expect((await setSessionError(db, id, error)).lastError).toEqual(error);
    expect((await setSessionError(db, id, null)).lastError).toBeNull();
    await expectPgError(
      db
        .update(sessions)
        .set({ status: 'paused' as never })
        .where(eq(sessions.id, id)),
      '23514',
      'sessions_status_valid',
    );
  });

  it('adds spent characters atomically', async () => {
    const { db } = database();
    const { id } = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    await Promise.all(Array.from({ length: 20 }, () => addCharactersSpent(db, id, 5)));
    expect((await getSession(db, id)).charactersSpent).toBe(100);
    await expectDbError(addCharactersSpent(db, id, -1), 'INVALID_INPUT', 'characters');
    await expectDbError(addCharactersSpent(db, id, 1.5), 'INVALID_INPUT', 'characters');
  });

  it('moves updated_at on every update, through any write path', async () => {
    const { db } = database();
    const created = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    expect(created.updatedAt).toEqual(created.createdAt);
    await sleep(5);
    const renamed = await renameSession(db, created.id, 'Renamed');
    expect(renamed.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    await sleep(5);
    // A write that bypasses the query layer still moves it: the trigger owns the column.
    const [raw] = await db
      .update(sessions)
      .set({ project: 'other' })
      .where(eq(sessions.id, created.id))
      .returning();
    expect(raw!.updatedAt.getTime()).toBeGreaterThan(renamed.updatedAt.getTime());
    expect(raw!.createdAt).toEqual(created.createdAt);

    const beat = created.beats[0]!;
    await sleep(5);
    const updatedBeat = await setBeatStatus(db, beat.id, 'queued');
    expect(updatedBeat.updatedAt.getTime()).toBeGreaterThan(beat.updatedAt.getTime());

    const [job] = await enqueueJobs(db, created.id, [{ beatId: beat.id, kind: 'generate' }]);
    await sleep(5);
    const [updatedJob] = await db
      .update(generationJobs)
      .set({ attempts: 3 })
      .where(eq(generationJobs.id, job!.id))
      .returning();
    expect(updatedJob!.updatedAt.getTime()).toBeGreaterThan(job!.updatedAt.getTime());
  });

  it('deletes a session with everything in it and returns the take files', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, {
      script: script(['a', 'b']),
      sourceEls: '',
    });
    const [a, b] = session.beats;
    const t1 = await addTake(db, takeInput(a!.id));
    const t2 = await addTake(db, takeInput(a!.id));
    const t3 = await addTake(db, takeInput(b!.id));
    await enqueueJobs(db, session.id, [{ beatId: b!.id, kind: 'regenerate' }]);
    await createExport(db, { sessionId: session.id });

    const { storageKeys } = await deleteSession(db, session.id);
    expect(storageKeys.sort()).toEqual([t1, t2, t3].map((t) => t.take.storageKey).sort());
    const beatIds = [a!.id, b!.id];
    expect(await db.select().from(beats).where(inArray(beats.id, beatIds))).toEqual([]);
    expect(await db.select().from(takes).where(inArray(takes.beatId, beatIds))).toEqual([]);
    expect(
      await db.select().from(generationJobs).where(eq(generationJobs.sessionId, session.id)),
    ).toEqual([]);
    expect(
      await db.select().from(sessionExports).where(eq(sessionExports.sessionId, session.id)),
    ).toEqual([]);
    await expectDbError(deleteSession(db, session.id), 'SESSION_NOT_FOUND');
  });

  it('refuses unknown sessions', async () => {
    const { db } = database();
    await expectDbError(getSession(db, MISSING), 'SESSION_NOT_FOUND');
    await expectDbError(renameSession(db, MISSING, 'x'), 'SESSION_NOT_FOUND');
    await expectDbError(setSessionStatus(db, MISSING, 'completed'), 'SESSION_NOT_FOUND');
    await expectDbError(setSessionError(db, MISSING, null), 'SESSION_NOT_FOUND');
    await expectDbError(addCharactersSpent(db, MISSING, 1), 'SESSION_NOT_FOUND');
    await expectDbError(deleteSession(db, MISSING), 'SESSION_NOT_FOUND');
  });
});
