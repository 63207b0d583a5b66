import { describe, expect, it } from 'vitest';
import { createEventBus, type BusEnvelope } from '../src/events/bus.js';

type Event = { n: number } | { resync: true };

const newBus = (historySize?: number) =>
  createEventBus<Event>({ resync: { resync: true }, ...(historySize ? { historySize } : {}) });

async function take<T>(iterator: AsyncIterator<T>, count: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** Publishes `ns` on session `a` while listening, and returns the envelopes as delivered. */
async function publishAll(bus: ReturnType<typeof newBus>, ns: number[]) {
  const controller = new AbortController();
  const live = bus.subscribe('a', { lastEventId: null, signal: controller.signal });
  const delivered = take(live, ns.length);
  await Promise.resolve();
  for (const n of ns) bus.publish('a', { n });
  const envelopes: BusEnvelope<Event>[] = await delivered;
  controller.abort();
  return envelopes;
}

describe('event bus', () => {
  it('delivers a session’s events to its subscribers only, until aborted', async () => {
    const bus = newBus();
    const controller = new AbortController();
    const a = bus.subscribe('a', { lastEventId: null, signal: controller.signal });
    const first = take(a, 2);
    await Promise.resolve();
    bus.publish('a', { n: 1 });
    bus.publish('b', { n: 99 });
    bus.publish('a', { n: 2 });
    expect((await first).map((e) => e.event)).toEqual([{ n: 1 }, { n: 2 }]);
    controller.abort();
    expect((await a.next()).done).toBe(true);
  });

  it('listens from the call on, before the first event is asked for', async () => {
    const bus = newBus();
    const controller = new AbortController();
    // As an SSE stream does: subscribe, tell the client it is open, and only then read.
    const live = bus.subscribe('a', { lastEventId: null, signal: controller.signal });
    bus.publish('a', { n: 1 });
    expect((await take(live, 1)).map((e) => e.event)).toEqual([{ n: 1 }]);
    controller.abort();
  });

  it('gives a subscriber whose request is already gone nothing', async () => {
    const bus = newBus();
    const controller = new AbortController();
    controller.abort();
    const gone = bus.subscribe('a', { lastEventId: null, signal: controller.signal });
    bus.publish('a', { n: 1 });
    expect((await gone.next()).done).toBe(true);
  });

  it('replays what a reconnecting subscriber missed, then continues live', async () => {
    const bus = newBus();
    const [first] = await publishAll(bus, [1, 2, 3]);
    const controller = new AbortController();
    const again = bus.subscribe('a', { lastEventId: first!.id, signal: controller.signal });
    const replayed = take(again, 3);
    bus.publish('a', { n: 4 });
    expect((await replayed).map((e) => e.event)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
    controller.abort();
  });

  it('asks for a resync when the last event id is from another process or too old', async () => {
    const bus = newBus(2);
    const [first] = await publishAll(bus, [1, 2, 3, 4]);
    const controller = new AbortController();
    for (const lastEventId of ['other:3', first!.id]) {
      const iterator = bus.subscribe('a', { lastEventId, signal: controller.signal });
      expect((await take(iterator, 1))[0]?.event).toEqual({ resync: true });
    }
    controller.abort();
  });
});
