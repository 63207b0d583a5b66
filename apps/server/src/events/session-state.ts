/**
 * Changes to a session's state, and the events that tell every open browser about them: the one
 * module that publishes on the bus. What it publishes is what was committed, never what a caller
 * assumed; and reads of the whole session are coalesced per session, so a burst of finished
 * beats costs a few reads, not one each.
 */
import {
  getSessionOutline,
  setSessionError,
  setSessionStatus,
  type BeatRow,
  type ErrorInfo,
  type ExportRow,
  type SessionOutline,
  type SessionRow,
  type SessionStatus,
  type StudioDb,
  type TakeRow,
} from '@studio/db';
import { beatState, exportView, progressOf, takeView, type ExportView } from '../sessions/views.js';
import type { EventBus } from './bus.js';
import type { StudioEvent } from './types.js';

export interface SessionState {
  /** Sets the session's status. */
  changeStatus(sessionId: string, status: SessionStatus): Promise<SessionRow>;
  /** Records (or, with `null`, clears) a failure that concerns the whole session. */
  changeError(sessionId: string, error: ErrorInfo | null): Promise<SessionRow>;
  /**
   * One beat row just committed, in a change that leaves the progress as the browsers show it (a
   * selection; a claim, which only moves a beat from queued to generating): the row is the whole
   * news, so the session is not read back. The next `beatsChanged` brings every count up to date.
   */
  beatChanged(beat: BeatRow): void;
  /**
   * Beats changed status: reads the session back and publishes those beats' states (every
   * beat's when omitted) and the progress. Resolves to the session as read.
   */
  beatsChanged(sessionId: string, beatIds?: readonly string[]): Promise<SessionOutline>;
  /** A take was added to a beat (given with its text and selection as committed with the take). */
  takeAdded(take: TakeRow, beat: Pick<BeatRow, 'sessionId' | 'text' | 'selectedTakeId'>): void;
  /** Beats were added, removed or rewritten (a re-import): browsers fetch the session again. */
  scriptChanged(sessionId: string): Promise<SessionOutline>;
  /** An export run was recorded or settled. Returns its API view. */
  exportChanged(row: ExportRow): ExportView;
}

export function createSessionState({
  db,
  bus,
}: {
  db: StudioDb;
  bus: Pick<EventBus<StudioEvent>, 'publish'>;
}): SessionState {
  const publishSession = (session: SessionRow): SessionRow => {
    bus.publish(session.id, {
      type: 'session',
      status: session.status,
      lastError: session.lastError ?? null,
    });
    return session;
  };

  async function publishBeats(
    sessionId: string,
    beatIds: ReadonlySet<string> | null,
  ): Promise<SessionOutline> {
    // The outline: beat states and the session row, without texts, takes or the script.
    const session = await getSessionOutline(db, sessionId);
    for (const beat of session.beats) {
      if (!beatIds || beatIds.has(beat.id))
        bus.publish(sessionId, { type: 'beat', beat: beatState(beat) });
    }
    bus.publish(sessionId, {
      type: 'progress',
      progress: progressOf(session.beats),
      charactersSpent: session.charactersSpent,
    });
    return session;
  }

  /** Per session: the read in progress, and the next one, gathering requests until it starts. */
  const reading = new Map<string, Promise<unknown>>();
  const next = new Map<string, { beatIds: Set<string> | null; result: Promise<SessionOutline> }>();

  function beatsChanged(sessionId: string, beatIds?: readonly string[]): Promise<SessionOutline> {
    const gathering = next.get(sessionId);
    if (gathering) {
      if (gathering.beatIds && beatIds) for (const id of beatIds) gathering.beatIds.add(id);
      else gathering.beatIds = null;
      return gathering.result;
    }
    const entry = {
      beatIds: beatIds ? new Set(beatIds) : null,
      result: (reading.get(sessionId) ?? Promise.resolve())
        .catch(() => {})
        .then(() => {
          next.delete(sessionId);
          const read = publishBeats(sessionId, entry.beatIds);
          reading.set(sessionId, read);
          void read
            .catch(() => {})
            .then(() => {
              if (reading.get(sessionId) === read) reading.delete(sessionId);
            });
          return read;
        }),
    };
    next.set(sessionId, entry);
    return entry.result;
  }

  return {
    changeStatus: async (sessionId, status) =>
      publishSession(await setSessionStatus(db, sessionId, status)),
    changeError: async (sessionId, error) =>
      publishSession(await setSessionError(db, sessionId, error)),
    beatChanged(beat) {
      bus.publish(beat.sessionId, { type: 'beat', beat: beatState(beat) });
    },
    beatsChanged,
    takeAdded(take, beat) {
      bus.publish(beat.sessionId, { type: 'take', take: takeView(take, beat) });
    },
    scriptChanged(sessionId) {
      bus.publish(sessionId, { type: 'script' });
      return beatsChanged(sessionId);
    },
    exportChanged(row) {
      const view = exportView(row);
      bus.publish(row.sessionId, { type: 'export', export: view });
      return view;
    },
  };
}
