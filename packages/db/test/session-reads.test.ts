import { describe, expect, it } from 'vitest';
import {
  addTake,
  approveTake,
  beatsToVoice,
  createSessionFromScript,
  getSessionTally,
  setBeatStatus,
} from '../src/index.js';
import { engines, script, takeInput, useDatabase } from './helpers.js';

const continuity = [
  {
    requestId: 'req-a',
    voicedAt: 1_700_000_000_000,
    previous: 'none' as const,
    next: 'text' as const,
    dialogue: false,
  },
];

describe.each(engines)('session reads on %s', (engine) => {
  const database = useDatabase(engine);

  it('lists the beats in the statuses asked, in script order, with both neighbours', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, {
      script: script(['a', 'b', 'c', 'd', 'e']),
      sourceEls: '',
    });
    const [a, b, c, d, e] = session.beats;
    await addTake(db, takeInput(a!.id, { continuity }));
    for (const beat of [a!, c!, d!]) await setBeatStatus(db, beat.id, 'ready');
    await setBeatStatus(db, e!.id, 'failed');

    const queued = await beatsToVoice(db, session.id, ['pending', 'failed']);
    expect(queued.map((q) => q.beat.beatKey)).toEqual([b!.beatKey, e!.beatKey]);
    const [first, last] = queued;
    // The previous beat's selected take gives its request ids; the next has no take.
    expect(first!.previous).toEqual({ parsed: a!.parsed, continuity });
    expect(first!.next).toEqual({ parsed: c!.parsed, continuity: [] });
    expect(last!.previous?.parsed).toEqual(d!.parsed);
    expect(last!.next).toBeNull();
  });

  it('lists nothing when every beat is voiced', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, { script: script(['a']), sourceEls: '' });
    await setBeatStatus(db, session.beats[0]!.id, 'ready');
    expect(await beatsToVoice(db, session.id, ['pending'])).toEqual([]);
  });

  it('tallies the beats by status, staleness and the decision on their selected take', async () => {
    const { db } = database();
    const session = await createSessionFromScript(db, {
      script: script(['a', 'b', 'c', 'd']),
      sourceEls: '',
    });
    const [a, b] = session.beats;
    const { take } = await addTake(db, takeInput(a!.id));
    await addTake(db, takeInput(b!.id));
    await approveTake(db, { takeId: take.id, author: 'Dana' });
    for (const beat of [a!, b!]) await setBeatStatus(db, beat.id, 'ready');

    const { id, tally } = await getSessionTally(db, session.id);
    expect(id).toBe(session.id);
    const rows = tally.map((t) => [t.status, t.staleReason, t.selectedDecision, t.beats]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['ready', null, 'approved', 1],
        ['ready', null, null, 1],
        ['pending', null, null, 2],
      ]),
    );
  });
});
