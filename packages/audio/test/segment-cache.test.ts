/** The segment cache on local storage: entries are whole or absent, and half-written ones go. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalStorage,
  createSegmentCache,
  segmentCacheKey,
  type SpeechResult,
  type Storage,
} from '../src/index.js';
import { tempDir } from './helpers.js';

let dir: Awaited<ReturnType<typeof tempDir>>;
let storage: Storage;

beforeEach(async () => {
  dir = await tempDir();
  storage = createLocalStorage(join(dir.path, 'root'));
});
afterEach(() => dir.cleanup());

const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const hashC = 'c'.repeat(64);

const result: SpeechResult = {
  pcm: Int16Array.from([1, -2, 3, -4]),
  sampleRate: 24_000,
  alignment: { characters: ['a'], startMs: [0], endMs: [1] },
  charactersBilled: 1,
  requestId: 'req-1',
  modelId: 'eleven_multilingual_v2',
  continuity: { previous: 'text', next: 'none' },
  voicedAt: 1_700_000_000_000,
};

describe('segment cache', () => {
  it('never serves a half-written entry, and the sweep at start removes it', async () => {
    const cache = createSegmentCache(storage);
    await cache.put(hashA, result);
    // What a full disk or a kill between the two writes leaves: samples without metadata…
    await storage.put(segmentCacheKey(hashB, 'pcm'), Buffer.from([1, 2, 3, 4]));
    // …and metadata whose samples were lost.
    await storage.put(segmentCacheKey(hashC, 'json'), '{}');

    expect(await cache.get(hashB)).toBeNull();
    expect(await cache.has(hashB)).toBe(false);
    expect(await cache.get(hashC)).toBeNull();

    expect(await cache.sweepOrphans()).toBe(2);
    expect(await storage.list('cache/')).toEqual([
      segmentCacheKey(hashA, 'json'),
      segmentCacheKey(hashA, 'pcm'),
    ]);
    expect(await cache.get(hashA)).toMatchObject({ requestId: 'req-1', charactersBilled: 0 });
    expect(Array.from((await cache.get(hashA))!.pcm)).toEqual([1, -2, 3, -4]);
    expect(await cache.sweepOrphans()).toBe(0);
  });

  it('removes the samples when the metadata cannot be written (disk full)', async () => {
    const diskFull: Storage = {
      ...storage,
      put: async (key, data) => {
        if (key.endsWith('.json')) {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        return storage.put(key, data);
      },
    };
    const cache = createSegmentCache(diskFull);
    await expect(cache.put(hashA, result)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await storage.list('cache/')).toEqual([]);
    expect(await cache.get(hashA)).toBeNull();
  });
});

describe('scratch files', () => {
  it('live in the storage’s temp folder, which the sweep empties and nothing lists', async () => {
    const scratch = join(dir.path, 'tmp');
    const withScratch = createLocalStorage(join(dir.path, 'root'), { tempDir: scratch });
    expect(withScratch.tempDir).toBe(scratch);
    expect(storage.tempDir.startsWith(join(dir.path, 'root'))).toBe(true);

    // What a kill during an encode leaves behind.
    await withScratch.put('takes/s1/beat-t1.mp3', 'kept');
    await mkdir(scratch);
    await writeFile(join(scratch, 'studio-audio-0f8fad5b-d9cb-469f-a165-70867728950e.mp3'), 'x');
    expect(await withScratch.sweepTempFiles({ olderThanMs: 60_000 })).toBe(0);
    expect(await withScratch.sweepTempFiles()).toBe(1);
    expect(await readdir(scratch)).toEqual([]);
    expect(await withScratch.list('')).toEqual(['takes/s1/beat-t1.mp3']);

    await storage.put('takes/s1/beat-t2.mp3', 'kept');
    await mkdir(storage.tempDir);
    await writeFile(join(storage.tempDir, 'studio-audio-x.bin'), 'x');
    expect(await storage.list('')).toEqual(['takes/s1/beat-t1.mp3', 'takes/s1/beat-t2.mp3']);
    expect(await storage.sweepTempFiles()).toBe(1);
  });
});
