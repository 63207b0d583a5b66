import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import {
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
} from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertValidKey, assertValidPrefix, isValidKey } from './keys.js';
import { StorageError, type Storage } from './storage.js';

/** Temp names start with a dot, which no key segment may: they can never be read as objects. */
const TEMP = /^\..+\.[0-9a-f-]{36}\.tmp$/;

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Every file below a folder (none when it does not exist). */
async function filesUnder(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

export interface LocalStorageOptions {
  /** The scratch folder; default `.tmp` inside the root (no key can start with a dot). */
  tempDir?: string;
}

/** Storage in a folder: one file per key, written to a temp file and renamed into place. */
export function createLocalStorage(rootDir: string, options: LocalStorageOptions = {}): Storage {
  const root = resolve(rootDir);
  const tempDir = resolve(options.tempDir ?? join(root, '.tmp'));

  function pathOf(key: string): string {
    const path = join(root, ...assertValidKey(key).split('/'));
    // Belt and braces behind the key pattern: nothing may resolve outside the root.
    if (!path.startsWith(root + sep)) throw new StorageError('invalid_key', key);
    return path;
  }

  async function tempFor(key: string): Promise<{ path: string; temp: string }> {
    const path = pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    return { path, temp: join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`) };
  }

  async function commit(temp: string, path: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  return {
    tempDir,

    async put(key, data) {
      const { path, temp } = await tempFor(key);
      await commit(temp, path, async () => {
        const file = await open(temp, 'wx');
        try {
          await file.writeFile(data);
          await file.datasync();
        } finally {
          await file.close();
        }
      });
    },

    async putStream(key, data) {
      const { path, temp } = await tempFor(key);
      const source = data instanceof Readable ? data : Readable.from(data);
      await commit(temp, path, () => pipeline(source, createWriteStream(temp, { flags: 'wx' })));
    },

    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if (isNotFound(error)) throw new StorageError('not_found', key);
        throw error;
      }
    },

    createReadStream(key, range = {}) {
      return createReadStream(pathOf(key), range);
    },

    async stat(key) {
      try {
        const path = pathOf(key);
        // A link planted in the data folder could point anywhere on the disk: only a regular file
        // that is really inside the root (no link on the way, none at the end) is an object.
        const [real, realRoot, info] = await Promise.all([
          realpath(path),
          realpath(root),
          lstat(path),
        ]);
        if (!real.startsWith(realRoot + sep) || !info.isFile()) return null;
        return { size: info.size, mtimeMs: info.mtimeMs };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async list(prefix) {
      assertValidPrefix(prefix);
      const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      const files = await filesUnder(folder ? join(root, ...folder.split('/')) : root);
      return files
        .map((path) => relative(root, path).split(sep).join('/'))
        .filter((key) => key.startsWith(prefix) && isValidKey(key))
        .sort();
    },

    async sweepTempFiles({ olderThanMs = 0 } = {}) {
      const now = Date.now();
      let removed = 0;
      // Every scratch file, and the temp files of interrupted puts (the scratch folder may lie
      // inside the root: a Set lists each file once).
      const leftovers = new Set([
        ...(await filesUnder(tempDir)),
        ...(await filesUnder(root)).filter((path) => TEMP.test(basename(path))),
      ]);
      for (const path of leftovers) {
        const info = await stat(path).catch(() => null);
        if (info && now - info.mtimeMs >= olderThanMs) {
          await rm(path, { force: true });
          removed++;
        }
      }
      return removed;
    },
  };
}
