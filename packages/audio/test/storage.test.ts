import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalStorage,
  exportStorageKey,
  StorageError,
  takeStorageKey,
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

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error instanceof StorageError ? error.code : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('local storage', () => {
  it('writes, reads, ranges, lists and deletes', async () => {
    await storage.put('takes/s1/01_hook-t1.mp3', Buffer.from('0123456789'));
    await storage.put('takes/s1/02_setup-t1.mp3', 'abc');
    await storage.put('exports/e1/master.mp3', 'x');
    expect((await storage.get('takes/s1/01_hook-t1.mp3')).toString()).toBe('0123456789');
    expect(
      await text(storage.createReadStream('takes/s1/01_hook-t1.mp3', { start: 2, end: 4 })),
    ).toBe('234');
    expect(await storage.stat('takes/s1/01_hook-t1.mp3')).toMatchObject({ size: 10 });
    expect(await storage.stat('takes/s1/missing.mp3')).toBeNull();
    expect(await storage.list('takes/')).toEqual([
      'takes/s1/01_hook-t1.mp3',
      'takes/s1/02_setup-t1.mp3',
    ]);
    expect(await storage.list('takes/s1/01')).toEqual(['takes/s1/01_hook-t1.mp3']);
    expect(await storage.list('')).toHaveLength(3);
    await storage.delete('takes/s1/01_hook-t1.mp3');
    expect(await codeOf(storage.get('takes/s1/01_hook-t1.mp3'))).toBe('not_found');
  });

  it('never shows a partial object when a write fails', async () => {
    await storage.put('takes/s1/beat-t1.mp3', 'old');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(64 * 1024, 1));
        this.destroy(new Error('disk on fire'));
      },
    });
    await expect(storage.putStream('takes/s1/beat-t1.mp3', failing)).rejects.toThrow(
      'disk on fire',
    );
    expect((await storage.get('takes/s1/beat-t1.mp3')).toString()).toBe('old');

    const failingNew = Readable.from(
      (async function* () {
        yield Buffer.from('partial');
        throw new Error('cut');
      })(),
    );
    await expect(storage.putStream('takes/s1/new-t1.mp3', failingNew)).rejects.toThrow('cut');
    expect(await storage.stat('takes/s1/new-t1.mp3')).toBeNull();
    // No temp file left behind either.
    expect(await readdir(join(dir.path, 'root', 'takes', 's1'))).toEqual(['beat-t1.mp3']);
  });

  it('sweeps temp files left by a crash and never lists them', async () => {
    await storage.put('cache/a.pcm', 'x');
    const leftover = join(
      dir.path,
      'root',
      'cache',
      '.a.pcm.0f8fad5b-d9cb-469f-a165-70867728950e.tmp',
    );
    await writeFile(leftover, 'half');
    expect(await storage.list('cache/')).toEqual(['cache/a.pcm']);
    expect(await storage.sweepTempFiles({ olderThanMs: 60_000 })).toBe(0);
    expect(await storage.sweepTempFiles()).toBe(1);
    expect(await readdir(join(dir.path, 'root', 'cache'))).toEqual(['a.pcm']);
  });

  it.each([
    '../escape.mp3',
    'takes/../../etc/passwd',
    '/etc/passwd',
    'takes\\s1\\x.mp3',
    'takes/s1/x\0.mp3',
    '',
    '.hidden',
    'takes//x.mp3',
    'takes/s1/',
    'takes/./x.mp3',
  ])('refuses the key %j', async (key) => {
    expect(await codeOf(storage.put(key, 'x'))).toBe('invalid_key');
    expect(await codeOf(storage.get(key))).toBe('invalid_key');
    expect(await codeOf(() => storage.createReadStream(key))).toBe('invalid_key');
    expect(await codeOf(storage.delete(key))).toBe('invalid_key');
  });

  it('refuses list prefixes that escape', async () => {
    expect(await codeOf(storage.list('../'))).toBe('invalid_key');
    expect(await codeOf(storage.list('/'))).toBe('invalid_key');
  });

  it('builds keys only from safe ids', async () => {
    expect(takeStorageKey('s1', '01_hook', 't1')).toBe('takes/s1/01_hook-t1.mp3');
    expect(exportStorageKey('e1', 'master.mp3')).toBe('exports/e1/master.mp3');
    expect(await codeOf(() => takeStorageKey('..', '01_hook', 't1'))).toBe('invalid_key');
    expect(await codeOf(() => takeStorageKey('s1', '01/hook', 't1'))).toBe('invalid_key');
    expect(await codeOf(() => exportStorageKey('e1', '../master.mp3'))).toBe('invalid_key');
  });
});
