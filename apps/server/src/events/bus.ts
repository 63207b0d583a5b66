/**
 * The in-process event bus: the worker and the mutations publish, SSE subscriptions listen per
 * session. A short per-session history lets a reconnecting browser catch up on what it missed;
 * when it missed more than that (or the server restarted), it is told to refetch instead.
 */
import { EventEmitter, on } from 'node:events';
import { randomUUID } from 'node:crypto';

export interface BusEnvelope<TEvent> {
  /** `<bootId>:<sequence>`: ids from another process lifetime are recognised as unknown. */
  id: string;
  event: TEvent;
}

export interface EventBus<TEvent> {
  publish(sessionId: string, event: TEvent): void;
  /**
   * Events of one session from this call on, after the ones missed since `lastEventId` — or,
   * when those are no longer known, the `resync` event first. It listens at once, not at the
   * first `next()`: an SSE stream tells its client it is open before it asks for the first
   * event, and nothing published in between may be lost.
   */
  subscribe(
    sessionId: string,
    options: { lastEventId: string | null | undefined; signal: AbortSignal | undefined },
  ): AsyncGenerator<BusEnvelope<TEvent>>;
}

export function createEventBus<TEvent>({
  resync,
  historySize = 500,
}: {
  /** Tells a subscriber it missed events and must fetch the state again. */
  resync: TEvent;
  historySize?: number;
}): EventBus<TEvent> {
  const bootId = randomUUID().slice(0, 8);
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const history = new Map<string, { kept: BusEnvelope<TEvent>[]; dropped: number }>();
  let sequence = 0;

  const sequenceOf = (id: string): number | null => {
    const [boot, seq] = id.split(':');
    return boot === bootId && seq !== undefined && /^\d+$/.test(seq) ? Number(seq) : null;
  };

  return {
    publish(sessionId, event) {
      const envelope = { id: `${bootId}:${++sequence}`, event };
      const past = history.get(sessionId) ?? { kept: [], dropped: 0 };
      past.kept.push(envelope);
      if (past.kept.length > historySize) past.dropped = sequenceOf(past.kept.shift()!.id)!;
      history.set(sessionId, past);
      emitter.emit(sessionId, envelope);
    },

    subscribe(sessionId, options) {
      // A subscriber already gone (its request closed) gets nothing; `on` would throw.
      if (options.signal?.aborted) return (async function* () {})();
      // Listening before replaying, so nothing published in between is lost.
      const live = on(emitter, sessionId, { signal: options.signal }) as AsyncIterableIterator<
        [BusEnvelope<TEvent>]
      >;
      return deliver(sessionId, live, options);
    },
  };

  async function* deliver(
    sessionId: string,
    live: AsyncIterableIterator<[BusEnvelope<TEvent>]>,
    { lastEventId, signal }: Parameters<EventBus<TEvent>['subscribe']>[1],
  ): AsyncGenerator<BusEnvelope<TEvent>> {
    let seen = 0;
    if (lastEventId) {
      const last = sequenceOf(lastEventId);
      const past = history.get(sessionId) ?? { kept: [], dropped: 0 };
      if (last === null || last < past.dropped) {
        seen = sequence;
        yield { id: `${bootId}:${sequence}`, event: resync };
      } else {
        for (const envelope of [...past.kept]) {
          const seq = sequenceOf(envelope.id)!;
          if (seq <= last) continue;
          seen = seq;
          yield envelope;
        }
        seen = Math.max(seen, last);
      }
    }
    try {
      for await (const [envelope] of live) {
        if (sequenceOf(envelope.id)! > seen) yield envelope;
      }
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }
}
