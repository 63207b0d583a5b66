/**
 * Publishing a session's current state after a change. The state is read back from the
 * database, so every browser sees what was committed, not what a caller assumed; and reads are
 * coalesced per session, so a burst of finished beats costs a few reads, not one each.
 */
import { getSession, type SessionDetail } from '@studio/db';
import type { Services } from '../context.js';
import { beatState, progressOf, type SessionView } from '../sessions/views.js';

/** Publishes the given beats' states (all when omitted) and the session's progress. */
export type PublishState = (
  sessionId: string,
  beatIds?: readonly string[],
) => Promise<SessionDetail>;

async function publishBeats(
  { db, bus }: Pick<Services, 'db' | 'bus'>,
  sessionId: string,
  beatIds: ReadonlySet<string> | null,
): Promise<SessionDetail> {
  const session = await getSession(db, sessionId);
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

export function createStatePublisher(services: Pick<Services, 'db' | 'bus'>): PublishState {
  /** Per session: the read in progress, and the next one, gathering requests until it starts. */
  const reading = new Map<string, Promise<unknown>>();
  const next = new Map<string, { beatIds: Set<string> | null; result: Promise<SessionDetail> }>();

  return (sessionId, beatIds) => {
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
          const read = publishBeats(services, sessionId, entry.beatIds);
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
  };
}

export function publishSession(
  services: Pick<Services, 'bus'>,
  session: Pick<SessionView, 'id' | 'status' | 'lastError'>,
): void {
  services.bus.publish(session.id, {
    type: 'session',
    status: session.status,
    lastError: session.lastError ?? null,
  });
}
