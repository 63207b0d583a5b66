/**
 * At start: exports a crash cut off (an export runs inside one request) become `failed` with code
 * `interrupted`, and their partial files are removed. On the embedded database this process is
 * the only one, so every export still `running` was cut off; on Postgres another process may be
 * exporting right now, so only runs older than any export takes count.
 */
import { exportStoragePrefix } from '@studio/audio';
import { failInterruptedExports, type DatabaseKind } from '@studio/db';
import type { Services } from '../context.js';

const LONGEST_EXPORT_MS = 30 * 60_000;

export async function settleInterruptedExports(
  { db, storage, log }: Pick<Services, 'db' | 'storage' | 'log'>,
  databaseKind: DatabaseKind,
): Promise<void> {
  const olderThanMs = databaseKind === 'pglite' ? 0 : LONGEST_EXPORT_MS;
  const interrupted = await failInterruptedExports(db, { olderThanMs });
  for (const { id } of interrupted) {
    for (const key of await storage.list(exportStoragePrefix(id))) await storage.delete(key);
  }
  if (interrupted.length > 0)
    log.info({ exports: interrupted.length }, 'failed interrupted exports');
}
