import { describe, expect, it } from 'vitest';
import {
  createExport,
  createSessionFromScript,
  failExport,
  finishExport,
  getExport,
  listExports,
} from '../src/index.js';
import { engines, expectDbError, script, sleep, useDatabase } from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(engines)('exports on %s', (engine) => {
  const database = useDatabase(engine);

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
