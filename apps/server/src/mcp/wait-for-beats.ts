/**
 * Waiting for queued beats to be voiced, for tools that return the finished takes. The session
 * is read again on every event of this process's bus, and every few seconds besides: another
 * studio process sharing the database may be the one voicing them, and its events never reach
 * this bus. Cancelling stops the waiting only; the queued work goes on.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { EventBus } from '../events/bus.js';
import type { StudioEvent } from '../events/types.js';
import type { SessionView } from '../sessions/views.js';

const busy = new Set(['queued', 'generating']);
const POLL_MS = 2000;

export interface WaitForBeats {
  bus: Pick<EventBus<StudioEvent>, 'subscribe'>;
  sessionId: string;
  /** The beats to wait for. */
  beatIds: readonly string[];
  read(): Promise<SessionView>;
  /** Called with the number of those beats finished (ready or failed), each time it grows. */
  onProgress(done: number, total: number, session: SessionView): Promise<void>;
  signal: AbortSignal;
  /**
   * Also wait for the session to leave `generating`: the worker moves it to `in_progress` just
   * after its last beat, and a caller returning the whole session should show that.
   */
  untilSessionSettles?: boolean;
}

export async function waitForBeats({
  bus,
  sessionId,
  beatIds,
  read,
  onProgress,
  signal,
  untilSessionSettles = false,
}: WaitForBeats): Promise<SessionView> {
  const listening = new AbortController();
  const stop = () => listening.abort();
  signal.addEventListener('abort', stop, { once: true });
  // Subscribed before the first read, so no event between the read and the wait is missed.
  const events = bus.subscribe(sessionId, { lastEventId: null, signal: listening.signal });
  let nextEvent = events.next();
  let reported = -1;
  try {
    for (;;) {
      signal.throwIfAborted();
      const session = await read();
      const tracked = session.beats.filter((beat) => beatIds.includes(beat.id));
      const done = tracked.filter((beat) => !busy.has(beat.status)).length;
      if (done > reported) {
        reported = done;
        await onProgress(done, tracked.length, session);
      }
      const settled = !untilSessionSettles || session.status !== 'generating';
      if (done === tracked.length && settled) return session;
      const woke = await Promise.race([
        nextEvent.then(() => 'event' as const),
        delay(POLL_MS, 'timer' as const, { signal: listening.signal }),
      ]);
      if (woke === 'event') nextEvent = events.next();
    }
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
    // Ends the subscription's generator, whichever promise was pending.
    void events.return(undefined).catch(() => {});
    void nextEvent.catch(() => {});
  }
}
