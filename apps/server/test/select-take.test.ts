import { createSessionFromScript, type BeatRow } from '@studio/db';
import { createTestDatabase } from '@studio/db/testing';
import { parse } from '@studio/els';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SessionState } from '../src/events/session-state.js';
import { selectBeatTake } from '../src/takes/select-take.js';
import { numberedScript } from './support/scripts.js';
import { storeTakes } from './support/takes.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

it('publishes the committed selection, and lets it leave, before reading the session back', async () => {
  const source = numberedScript(1);
  const parsed = parse(source);
  if (!parsed.ok) throw new Error('bad script');
  const session = await createSessionFromScript(database.db, {
    script: parsed.script,
    sourceEls: source,
  });
  const beat = session.beats[0]!;
  const takeIds = await storeTakes(
    database.db,
    { sessionId: session.id, beatId: beat.id, text: beat.text },
    2,
  );
  // The first take was selected as it was added: choose the second.
  const takeId = takeIds[1]!;

  const calls: string[] = [];
  let published: BeatRow | null = null;
  const sessionState: Pick<SessionState, 'beatChanged' | 'beatsChanged'> = {
    beatChanged(row) {
      published = row;
      calls.push('beat');
      // Runs only once the event loop has had a turn: when an event's write can reach a socket.
      setImmediate(() => calls.push('event loop'));
    },
    beatsChanged(sessionId, beatIds, change) {
      calls.push('read back');
      expect([sessionId, beatIds, change]).toEqual([session.id, [beat.id], { decided: true }]);
      return Promise.resolve({} as Awaited<ReturnType<SessionState['beatsChanged']>>);
    },
  };
  const result = await selectBeatTake(
    { db: database.db, sessionState: sessionState as SessionState },
    { beatId: beat.id, takeId },
  );

  expect(result).toEqual({ beatId: beat.id, selectedTakeId: takeId });
  expect(published).toMatchObject({ id: beat.id, selectedTakeId: takeId });
  expect(calls).toEqual(['beat', 'event loop', 'read back']);
});
