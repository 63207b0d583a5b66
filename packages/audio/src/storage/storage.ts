import type { Readable } from 'node:stream';

export type StorageErrorCode = 'invalid_key' | 'not_found';

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
  ) {
    super(
      code === 'invalid_key' ? `Refused storage key ${JSON.stringify(key)}` : `No object at ${key}`,
    );
  }
}

export interface StoredObject {
  size: number;
  mtimeMs: number;
}

/** Where takes, cached segments and exports live. Keys come from `storage/keys.ts` only. */
export interface Storage {
  /**
   * A local folder for scratch files (ffmpeg's input and output files), which `sweepTempFiles`
   * empties: a process killed mid-encode leaves nothing behind for good.
   */
  readonly tempDir: string;
  /** Atomic: readers see the old object or the whole new one, never a partial write. */
  put(key: string, data: Uint8Array | string): Promise<void>;
  putStream(key: string, data: Readable | AsyncIterable<Uint8Array>): Promise<void>;
  /** Throws `StorageError` `not_found` when absent. */
  get(key: string): Promise<Buffer>;
  /** Byte range, both ends inclusive (as HTTP `Range`). A missing object errors on the stream: `stat` first. */
  createReadStream(key: string, range?: { start?: number; end?: number }): Readable;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix (`takes/<session>/`), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes leftovers of writes interrupted by a crash, scratch files included; returns how many. */
  sweepTempFiles(options?: { olderThanMs?: number }): Promise<number>;
}
