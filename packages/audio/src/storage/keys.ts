import { StorageError } from './storage.js';

/**
 * A key is `/`-separated segments of letters, digits, `.`, `_`, `-`, none starting with `.`:
 * so no `..`, no absolute path, no backslash or NUL, and never a name our temp files use.
 */
const SEGMENT = '[A-Za-z0-9][A-Za-z0-9._-]{0,127}';
const KEY = new RegExp(`^${SEGMENT}(?:/${SEGMENT})*$`);
const MAX_KEY_LENGTH = 512;
/** Session, beat, take and export ids as they appear inside keys (beat ids follow els-spec §3). */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const HASH = /^[0-9a-f]{64}$/;

export function isValidKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY.test(key);
}

export function assertValidKey(key: string): string {
  if (!isValidKey(key)) throw new StorageError('invalid_key', key);
  return key;
}

/** `''` (everything) or a valid key, optionally ending with `/`. */
export function assertValidPrefix(prefix: string): string {
  if (prefix !== '' && !isValidKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix)) {
    throw new StorageError('invalid_key', prefix);
  }
  return prefix;
}

function id(value: string): string {
  if (!ID.test(value)) throw new StorageError('invalid_key', value);
  return value;
}

export function takeStorageKey(sessionId: string, beatKey: string, takeId: string): string {
  return assertValidKey(`takes/${id(sessionId)}/${id(beatKey)}-${id(takeId)}.mp3`);
}

export function segmentCacheKey(hash: string, extension: 'pcm' | 'json'): string {
  if (!HASH.test(hash)) throw new StorageError('invalid_key', hash);
  return `cache/${hash}.${extension}`;
}

/** Where an export's files live: `exports/<exportId>/`. */
export function exportStoragePrefix(exportId: string): string {
  return `exports/${id(exportId)}/`;
}

export function exportStorageKey(exportId: string, fileName: string): string {
  return assertValidKey(`${exportStoragePrefix(exportId)}${fileName}`);
}
