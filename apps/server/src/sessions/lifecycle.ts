/** Session lifecycle beyond plain rows: create from ELS source, read as the API shows it,
 * delete with its files. (Status changes go through `sessionState`, which tells every browser.) */
import {
  createSessionFromScript,
  deleteSession,
  getBeatsWithTakes,
  getSession,
  getSessionOutline,
  listExports,
  type DialogueMode,
} from '@studio/db';
import type { Services } from '../context.js';
import { requireScript, type ScriptServices } from './script.js';
import {
  beatView,
  sessionOutlineView,
  sessionView,
  type BeatView,
  type SessionOutlineView,
  type SessionView,
} from './views.js';

/** Validates and parses the source (refused with its diagnostics), then stores the session. */
export async function createSessionFromSource(
  services: ScriptServices,
  input: {
    source: string;
    videoTitle?: string | undefined;
    dialogueMode?: DialogueMode | undefined;
  },
): Promise<SessionView> {
  const script = await requireScript(services, input.source);
  const created = await createSessionFromScript(services.db, {
    script,
    sourceEls: input.source,
    ...(input.videoTitle === undefined ? {} : { videoTitle: input.videoTitle }),
    ...(input.dialogueMode === undefined ? {} : { dialogueMode: input.dialogueMode }),
  });
  return sessionView(created);
}

export async function readSessionView(
  { db }: Pick<Services, 'db'>,
  id: string,
): Promise<SessionView> {
  return sessionView(await getSession(db, id));
}

/** The session without its script, beats as outlines: the review page's first request. */
export async function readSessionOutline(
  { db }: Pick<Services, 'db'>,
  id: string,
): Promise<SessionOutlineView> {
  return sessionOutlineView(await getSessionOutline(db, id));
}

/** Beats of a session in full (text, parsed lines, takes), as `sessions.get` shows them. */
export async function readBeatViews(
  { db }: Pick<Services, 'db'>,
  sessionId: string,
  beatIds: readonly string[],
): Promise<BeatView[]> {
  return (await getBeatsWithTakes(db, sessionId, beatIds)).map(beatView);
}

/** Deletes the session's rows, then its take and export files. */
export async function deleteSessionWithFiles(
  { db, storage, log }: Pick<Services, 'db' | 'storage' | 'log'>,
  id: string,
): Promise<{ deletedFiles: number }> {
  const exportIds = (await listExports(db, id)).map((row) => row.id);
  const { storageKeys } = await deleteSession(db, id);
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
