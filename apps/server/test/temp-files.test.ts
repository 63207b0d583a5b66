/**
 * Temporary files stay inside DATA_DIR: ffmpeg's scratch files go to `DATA_DIR/tmp`, never the
 * system's temp folder, and what a kill leaves there (or half a cache entry) is swept at start.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, tempDir, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);

describe('temporary files', () => {
  let standIn: ElevenLabsStandIn;
  let test: TestStudio;
  let dataDir: string;
  const leftover = `studio-audio-${randomUUID()}.mp3`;
  const orphanSamples = `${'d'.repeat(64)}.pcm`;
  const wholeEntry = 'e'.repeat(64);

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn();
    dataDir = tempDir();
    // What a kill -9 during an export and a full disk during a cache write leave behind.
    mkdirSync(join(dataDir, 'tmp'), { recursive: true });
    writeFileSync(join(dataDir, 'tmp', leftover), 'half an mp3');
    mkdirSync(join(dataDir, 'storage', 'cache'), { recursive: true });
    writeFileSync(join(dataDir, 'storage', 'cache', orphanSamples), Buffer.alloc(64));
    writeFileSync(join(dataDir, 'storage', 'cache', `${wholeEntry}.pcm`), Buffer.alloc(64));
    writeFileSync(
      join(dataDir, 'storage', 'cache', `${wholeEntry}.json`),
      JSON.stringify({ sampleRate: 24_000, alignment: { characters: [], startMs: [], endMs: [] } }),
    );
    test = await createTestStudio({ standIn, dataDir });
    await test.studio.start();
  }, 120_000);

  afterAll(async () => {
    await test?.close();
    await standIn?.close();
  });

  it('sweeps scratch files and half-written cache entries at start', () => {
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
    expect(readdirSync(join(dataDir, 'storage', 'cache')).sort()).toEqual([
      `${wholeEntry}.json`,
      `${wholeEntry}.pcm`,
    ]);
  });

  it('writes nothing to the system temp folder while voicing and exporting', async () => {
    const systemTemp = tempDir('studio-system-tmp-');
    const created: string[] = [];
    const watcher = watch(systemTemp, (_event, name) => created.push(String(name)));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = systemTemp;
    try {
      const caller = createCaller({ ...test.studio.services, requestId: 'temp-files-test' });
      const session = await caller.sessions.create({ source: numberedScript(2) });
      await caller.generation.start({ sessionId: session.id });
      await test.studio.worker.idle();
      // Loudness: every beat is decoded and encoded again, the master too.
      const done = await caller.exports.create({
        sessionId: session.id,
        loudness: -16,
        partial: false,
      });
      expect(done.status).toBe('ready');
      // Watch events arrive asynchronously: give them a turn of the loop.
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.env.TMPDIR = previous;
      watcher.close();
    }
    expect(created).toEqual([]);
    expect(readdirSync(systemTemp)).toEqual([]);
    // The scratch folder was used, and cleaned up after each encode.
    expect(existsSync(join(dataDir, 'tmp'))).toBe(true);
    expect(readdirSync(join(dataDir, 'tmp'))).toEqual([]);
  }, 120_000);
});
