/**
 * At start, before the worker runs: removes what a crash can leave in storage — temp files of
 * interrupted writes and ffmpeg's scratch files, half-written segment-cache entries, and take files no take row points at (written, then the process died
 * before the row committed, or their job was cancelled or failed since). A file of a job still
 * open is kept: that job is requeued and will overwrite it, then commit its row.
 */
import { openJobIds, storageKeysInUse } from '@studio/db';
import type { Services } from '../context.js';

export async function sweepOrphans({
  db,
  storage,
  cache,
  log,
}: Pick<Services, 'db' | 'storage' | 'cache' | 'log'>): Promise<{
  tempFiles: number;
  cacheFiles: number;
  takeFiles: number;
}> {
  const tempFiles = await storage.sweepTempFiles();
  const cacheFiles = await cache.sweepOrphans();
  const inUse = new Set(await storageKeysInUse(db));
  const openJobs = new Set(await openJobIds(db));
  let takeFiles = 0;
  for (const key of await storage.list('takes/')) {
    // `takes/<session>/<beat>-<job id>.mp3`: the job id is the take id renderTake was given.
    const jobId = /-([0-9a-f-]{36})\.mp3$/.exec(key)?.[1];
    if (inUse.has(key) || (jobId !== undefined && openJobs.has(jobId))) continue;
    await storage.delete(key);
    takeFiles++;
  }
  if (tempFiles + cacheFiles + takeFiles > 0) {
    log.info({ tempFiles, cacheFiles, takeFiles }, 'removed orphan files');
  }
  return { tempFiles, cacheFiles, takeFiles };
}
