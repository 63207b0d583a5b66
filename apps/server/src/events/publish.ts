/** Publishing a session's current state after a change, read back from the database. */
import { getSession } from '@studio/db';
import type { Services } from '../context.js';
import { beatState, progressOf, type SessionView } from '../sessions/views.js';

/**
 * Publishes the state of the given beats (all when omitted) and the session's progress. Reads
 * the committed rows, so every browser sees what the database holds, not what a caller assumed.
 */
export async function publishBeats(
  services: Pick<Services, 'db' | 'bus'>,
  sessionId: string,
  beatIds?: readonly string[],
): Promise<void> {
  const session = await getSession(services.db, sessionId);
  const wanted = beatIds ? new Set(beatIds) : null;
  for (const beat of session.beats) {
    if (!wanted || wanted.has(beat.id)) {
      services.bus.publish(sessionId, { type: 'beat', beat: beatState(beat) });
    }
  }
  services.bus.publish(sessionId, {
    type: 'progress',
    progress: progressOf(session.beats),
    charactersSpent: session.charactersSpent,
  });
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
