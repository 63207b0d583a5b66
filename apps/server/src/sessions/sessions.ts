/** Session lifecycle beyond plain rows: create from a script, read as the API shows it, change
 * status for every browser, delete with its files. */
import {
  createSessionFromScript,
  deleteSession as deleteSessionRows,
  getSession as getSessionDetail,
  listExports,
  setSessionStatus as setSessionStatusRow,
  type SessionStatus,
} from '@studio/db';
import type { Services } from '../context.js';
import { publishSession } from '../events/publish.js';
import { requireScript, type ScriptServices } from './script.js';
import { sessionView, type SessionView } from './views.js';

export async function createSession(
  services: ScriptServices,
  input: { source: string; videoTitle?: string | undefined },
): Promise<SessionView> {
  const script = await requireScript(services, input.source);
  const created = await createSessionFromScript(services.db, {
    script,
    sourceEls: input.source,
    ...(input.videoTitle === undefined ? {} : { videoTitle: input.videoTitle }),
  });
  return sessionView(created);
}

export async function getSession({ db }: Pick<Services, 'db'>, id: string): Promise<SessionView> {
  return sessionView(await getSessionDetail(db, id));
}

export async function setSessionStatus(
  services: Pick<Services, 'db' | 'bus'>,
  id: string,
  status: SessionStatus,
) {
  const row = await setSessionStatusRow(services.db, id, status);
  publishSession(services, row);
  return row;
}

/** Deletes the session's rows, then its take and export files. */
export async function deleteSession(
  { db, storage, log }: Pick<Services, 'db' | 'storage' | 'log'>,
  id: string,
): Promise<{ deletedFiles: number }> {
  const exportIds = (await listExports(db, id)).map((row) => row.id);
  const { storageKeys } = await deleteSessionRows(db, id);
  const exportKeys = (
    await Promise.all(exportIds.map((exportId) => storage.list(`exports/${exportId}/`)))
  ).flat();
  let deletedFiles = 0;
  for (const key of [...storageKeys, ...exportKeys]) {
    try {
      await storage.delete(key);
      deletedFiles++;
    } catch (error) {
      // The rows are gone: a file left behind is an orphan the next start's sweep removes.
      log.warn({ err: error, key }, 'could not delete a file of a deleted session');
    }
  }
  return { deletedFiles };
}
