import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  createExport,
  createSessionFromScript,
  failExport,
  failInterruptedExports,
  finishExport,
  getExport,
  listExports,
} from '../src/index.js';
import { sessionExports } from '../src/schema/index.js';
import { engines, expectDbError, script, sleep, useDatabase } from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(engines)('exports on %s', (engine) => {
  const database = useDatabase(engine);

  it('fails exports a crash cut off, once they are older than the given age', async () => {
    const { db } = database();
    const { id: sessionId } = await createSessionFromScript(db, {
      script: script(['a']),
      sourceEls: '',
    });
    const finished = await createExport(db, { sessionId });
    await finishExport(db, finished.id, { files: [], manifest: {} });
    const cutOff = await createExport(db, { sessionId });
    // Started an hour ago, as far as the database knows: no test timing decides which is old.
    await db
      .update(sessionExports)
      .set({ createdAt: sql`now() - interval '1 hour'` })
      .where(eq(sessionExports.id, cutOff.id));
    const fresh = await createExport(db, { sessionId });
    const ofSession = <T extends { sessionId: string }>(rows: T[]) =>
      rows.filter((row) => row.sessionId === sessionId);

    // Another process may still be running an export that started a minute ago.
    const interrupted = ofSession(await failInterruptedExports(db, { olderThanMs: 60_000 }));
    expect(interrupted.map((row) => row.id)).toEqual([cutOff.id]);
    expect(await getExport(db, cutOff.id)).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted' },
    });
    expect((await getExport(db, fresh.id)).status).toBe('running');
    expect((await getExport(db, finished.id)).status).toBe('ready');

    // One process on its own database: whatever is running was cut off.
    expect(
      ofSession(await failInterruptedExports(db, { olderThanMs: 0 })).map((r) => r.id),
    ).toEqual([fresh.id]);
    await expectDbError(
      failInterruptedExports(db, { olderThanMs: -1 }),
      'INVALID_INPUT',
      'olderThanMs',
    );
  });

  it('records an export from running to ready or failed', async () => {
    const { db } = database();
    const { id: sessionId } = await createSessionFromScript(db, {
      script: script(['a']),
      sourceEls: '',
    });
    const started = await createExport(db, {
      sessionId,
      options: { loudnessTarget: -16, partial: true },
    });
    expect(started).toMatchObject({
      sessionId,
      status: 'running',
      options: { loudnessTarget: -16, partial: true },
      files: [],
      manifest: null,
      error: null,
    });
    const files = [
      { name: '01_a.mp3', bytes: 12_345 },
      { name: 'master.mp3', bytes: 99_999 },
    ];
    const manifest = { beats: [{ id: 'a', startMs: 0 }] };
    const ready = await finishExport(db, started.id, { files, manifest });
    expect(ready).toMatchObject({ status: 'ready', files, manifest });
    expect(await getExport(db, started.id)).toEqual(ready);

    await sleep(5);
    const second = await createExport(db, { sessionId });
    expect(second.options).toEqual({});
    const error = { code: 'ffmpeg_failed', message: 'exit 1' };
    expect(await failExport(db, second.id, error)).toMatchObject({ status: 'failed', error });
    expect((await listExports(db, sessionId)).map((e) => e.id)).toEqual([second.id, started.id]);
  });

  it('refuses unknown sessions and exports', async () => {
    const { db } = database();
    await expectDbError(createExport(db, { sessionId: MISSING }), 'SESSION_NOT_FOUND');
    await expectDbError(getExport(db, MISSING), 'EXPORT_NOT_FOUND');
    await expectDbError(finishExport(db, MISSING, { files: [], manifest: {} }), 'EXPORT_NOT_FOUND');
    await expectDbError(failExport(db, MISSING, { code: 'x', message: 'y' }), 'EXPORT_NOT_FOUND');
    expect(await listExports(db, MISSING)).toEqual([]);
  });
});
