import { createSessionFromScript, setBeatStatus, type SessionDetail } from '@studio/db';
import { createTestDatabase } from '@studio/db/testing';
import { parse } from '@studio/els';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSessionState, type SessionState } from '../src/events/session-state.js';
import type { StudioEvent } from '../src/events/types.js';
import { numberedScript } from './support/scripts.js';

describe('session state', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let session: SessionDetail;
  let state: SessionState;
  /** What was published, in order (the bus itself is tested in event-bus.test.ts). */
  let events: StudioEvent[];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    const source = numberedScript(12);
    const parsed = parse(source);
    if (!parsed.ok) throw new Error('bad script');
    session = await createSessionFromScript(database.db, {
      script: parsed.script,
      sourceEls: source,
    });
    events = [];
    state = createSessionState({
      db: database.db,
      bus: {
        publish: (sessionId, event) => {
          expect(sessionId).toBe(session.id);
          events.push(event);
        },
      },
    });
  });

  it('coalesces a burst of beat changes into a few reads that cover every beat', async () => {
    const results = await Promise.all(
      session.beats.map((beat) => state.beatsChanged(session.id, [beat.id])),
    );

    expect(results.every((result) => result.id === session.id)).toBe(true);
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(2);
    const beats = new Set(
      events.flatMap((event) => (event.type === 'beat' ? [event.beat.id] : [])),
    );
    expect(beats).toEqual(new Set(session.beats.map((beat) => beat.id)));
  });

  it('publishes the changed beats and the progress counted from the committed rows', async () => {
    const [a, b, c, d] = session.beats;
    await setBeatStatus(database.db, a!.id, 'ready');
    await setBeatStatus(database.db, b!.id, 'queued');
    await setBeatStatus(database.db, c!.id, 'generating');
    await setBeatStatus(database.db, d!.id, 'failed', { code: 'timeout', message: 't' });
    await state.beatsChanged(session.id, [d!.id]);
    expect(events).toEqual([
      {
        type: 'beat',
        beat: expect.objectContaining({
          id: d!.id,
          status: 'failed',
          error: { code: 'timeout', message: 't' },
        }),
      },
      { type: 'review', beatId: d!.id, review: 'unreviewed', takes: {} },
      {
        type: 'progress',
        progress: {
          pending: 8,
          queued: 1,
          generating: 1,
          ready: 1,
          failed: 1,
          stale: 0,
          total: 12,
          active: 2,
          fraction: 1 / 12,
          reviewed: 0,
          approved: 0,
        },
        charactersSpent: 0,
      },
    ]);
  });

  it('publishes the status and error as committed', async () => {
    const halted = await state.changeError(session.id, { code: 'quota_exceeded', message: 'q' });
    const generating = await state.changeStatus(session.id, 'generating');
    expect(halted.lastError?.code).toBe('quota_exceeded');
    expect(events).toEqual([
      {
        type: 'session',
        status: 'draft',
        lastError: { code: 'quota_exceeded', message: 'q' },
        budgetCredits: null,
      },
      {
        type: 'session',
        status: 'generating',
        lastError: { code: 'quota_exceeded', message: 'q' },
        budgetCredits: null,
      },
    ]);
    expect(generating.status).toBe('generating');
  });

  it('tells browsers to refetch after a re-import, then sends every beat and the progress', async () => {
    await state.scriptChanged(session.id);
    expect(events[0]).toEqual({ type: 'script' });
    expect(events.filter((event) => event.type === 'beat')).toHaveLength(12);
    expect(events.at(-1)).toEqual({
      type: 'progress',
      progress: expect.objectContaining({ total: 12, pending: 12, ready: 0, active: 0 }),
      charactersSpent: 0,
    });
  });
});
