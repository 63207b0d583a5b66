/**
 * An export cut off by a crash does not spin forever: the next start marks it failed
 * (`interrupted`) and removes its partial files; finished exports keep theirs.
 */
import { exportStorageKey } from '@studio/audio';
import { createExport, finishExport } from '@studio/db';
import { createTestDatabase } from '@studio/db/testing';
import { expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, tempDir } from './support/studio.js';

it('fails an export a crash cut off at the next start, and removes its partial files', async () => {
  const database = await createTestDatabase();
  const dataDir = tempDir();
  const keepOpen = { ...database, close: async () => {} };
  const before = await createTestStudio({ database: keepOpen, dataDir });
  const { db, storage } = before.studio.services;
  const caller = createCallerFactory(appRouter)({ ...before.studio.services, requestId: 'x' });
  const session = await caller.sessions.create({ source: numberedScript(1) });
  const finished = await createExport(db, { sessionId: session.id });
  await storage.put(exportStorageKey(finished.id, '01_b01.mp3'), 'finished');
  await finishExport(db, finished.id, { files: [{ name: '01_b01.mp3', bytes: 8 }], manifest: {} });
  // The process died here, halfway through writing this export's files.
  const cutOff = await createExport(db, { sessionId: session.id });
  await storage.put(exportStorageKey(cutOff.id, '01_b01.mp3'), 'partial');

  const after = await createTestStudio({ database, dataDir });
  try {
    await after.studio.start();
    const exports = await caller.exports.list({ sessionId: session.id });
    expect(exports.map((e) => [e.id, e.status, e.error?.code ?? null])).toEqual([
      [cutOff.id, 'failed', 'interrupted'],
      [finished.id, 'ready', null],
    ]);
    expect(await storage.list('exports/')).toEqual([exportStorageKey(finished.id, '01_b01.mp3')]);
  } finally {
    await after.close();
  }
});
