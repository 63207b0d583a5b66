import { createSessionFromScript } from '@studio/db';
import { createTestDatabase } from '@studio/db/testing';
import { parse } from '@studio/els';
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../src/events/bus.js';
import { createStatePublisher } from '../src/events/publish.js';
import type { StudioEvent } from '../src/events/types.js';
import { numberedScript } from './support/scripts.js';

describe('state publisher', () => {
  it('coalesces a burst of publications into a few reads that cover every beat', async () => {
    const { db, close } = await createTestDatabase();
    try {
      const source = numberedScript(12);
      const parsed = parse(source);
      if (!parsed.ok) throw new Error('bad script');
      const session = await createSessionFromScript(db, {
        script: parsed.script,
        sourceEls: source,
      });
      const bus = createEventBus<StudioEvent>({ resync: { type: 'resync' } });
      const events: StudioEvent[] = [];
      const controller = new AbortController();
      const listening = (async () => {
        for await (const { event } of bus.subscribe(session.id, {
          lastEventId: null,
          signal: controller.signal,
        })) {
          events.push(event);
        }
      })();
      await Promise.resolve();

      const publish = createStatePublisher({ db, bus });
      const results = await Promise.all(
        session.beats.map((beat) => publish(session.id, [beat.id])),
      );
      controller.abort();
      await listening;

      expect(results.every((result) => result.id === session.id)).toBe(true);
      const progress = events.filter((event) => event.type === 'progress');
      expect(progress.length).toBeGreaterThanOrEqual(1);
      expect(progress.length).toBeLessThanOrEqual(2);
      const beats = new Set(
        events.flatMap((event) => (event.type === 'beat' ? [event.beat.id] : [])),
      );
      expect(beats).toEqual(new Set(session.beats.map((beat) => beat.id)));
    } finally {
      await close();
    }
  });
});
