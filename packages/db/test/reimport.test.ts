import { describe, expect, it } from 'vitest';
import {
  addTake,
  createSessionFromScript,
  deleteBeats,
  getSession,
  insertBeats,
  replaceBeatsFromScript,
  setBeatStatus,
  updateBeatFromScript,
  type StudioDb,
} from '../src/index.js';
import { engines, expectDbError, parsedBeat, script, takeInput, useDatabase } from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function newSession(db: StudioDb, beatIds = ['hook', 'middle', 'end']) {
  return createSessionFromScript(db, { script: script(beatIds), sourceEls: 'v1' });
}

describe.each(engines)('re-import on %s', (engine) => {
  const database = useDatabase(engine);

  it('applies a plan: removes, rewrites, reorders and inserts beats in one go', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [hook, middle, end] = session.beats;
    const hookTake = await addTake(db, takeInput(hook!.id));
    const endTake = await addTake(db, takeInput(end!.id));
    await setBeatStatus(db, hook!.id, 'ready');
    await setBeatStatus(db, end!.id, 'ready');

    const { storageKeys } = await replaceBeatsFromScript(db, session.id, {
      sourceEls: 'v2',
      videoTitle: 'Second cut',
      remove: [middle!.id],
      update: [
        {
          beatId: hook!.id,
          beat: parsedBeat('hook', 'A sharper hook.', 1),
          position: 0,
          staleReason: 'text changed',
        },
        { beatId: end!.id, beat: parsedBeat('end', undefined, 3), position: 2, staleReason: null },
      ],
      insert: [{ beat: parsedBeat('twist', 'A twist.', 2), position: 1 }],
    });
    expect(storageKeys).toEqual([]);

    const loaded = await getSession(db, session.id);
    expect([loaded.sourceEls, loaded.videoTitle, loaded.project]).toEqual([
      'v2',
      'Second cut',
      'trash-panda',
    ]);
    expect(loaded.beats.map((b) => [b.beatKey, b.position, b.number, b.status])).toEqual([
      ['hook', 0, 1, 'stale'],
      ['twist', 1, 2, 'pending'],
      ['end', 2, 3, 'ready'],
    ]);
    const [newHook, twist, newEnd] = loaded.beats;
    expect(newHook).toMatchObject({
      id: hook!.id,
      text: 'A sharper hook.',
      staleReason: 'text changed',
      selectedTakeId: hookTake.take.id,
    });
    expect(newHook!.parsed).toEqual(parsedBeat('hook', 'A sharper hook.', 1));
    // Takes survive a rewrite and still say which text they voiced.
    expect(newHook!.takes.map((t) => t.voicedText)).toEqual([hookTake.take.voicedText]);
    expect(twist!.parsed.text).toBe('A twist.');
    expect(newEnd).toMatchObject({
      id: end!.id,
      staleReason: null,
      selectedTakeId: endTake.take.id,
    });
  });

  it('returns the files of removed beats', async () => {
    const { db } = database();
    const session = await newSession(db);
    const middle = session.beats[1]!;
    const t1 = await addTake(db, takeInput(middle.id));
    const t2 = await addTake(db, takeInput(middle.id));
    const { storageKeys } = await replaceBeatsFromScript(db, session.id, {
      sourceEls: 'v2',
      remove: [middle.id],
      update: [],
      insert: [],
    });
    expect(storageKeys.sort()).toEqual([t1.take.storageKey, t2.take.storageKey].sort());
    expect((await getSession(db, session.id)).beats).toHaveLength(2);
  });

  it('a failing plan changes nothing', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [hook, middle] = session.beats;
    await expectDbError(
      replaceBeatsFromScript(db, session.id, {
        sourceEls: 'v2',
        remove: [hook!.id],
        update: [],
        // Clashes with the remaining `middle`, ignoring case.
        insert: [{ beat: parsedBeat('MIDDLE'), position: 3 }],
      }),
      'DUPLICATE_BEAT',
    );
    const loaded = await getSession(db, session.id);
    expect(loaded.sourceEls).toBe('v1');
    expect(loaded.beats.map((b) => b.id)).toEqual(session.beats.map((b) => b.id));
    expect(middle).toBeDefined();
  });

  it('refuses beats of another session and unknown sessions', async () => {
    const { db } = database();
    const session = await newSession(db);
    const other = await newSession(db);
    const foreign = other.beats[0]!;
    const plan = { sourceEls: 'v2', remove: [], update: [], insert: [] };
    await expectDbError(replaceBeatsFromScript(db, MISSING, plan), 'SESSION_NOT_FOUND');
    await expectDbError(
      replaceBeatsFromScript(db, session.id, {
        ...plan,
        update: [{ beatId: foreign.id, beat: parsedBeat('x'), position: 0, staleReason: null }],
      }),
      'BEAT_NOT_FOUND',
    );
    await expectDbError(
      replaceBeatsFromScript(db, session.id, { ...plan, remove: [foreign.id] }),
      'BEAT_NOT_FOUND',
    );
    expect((await getSession(db, other.id)).beats).toHaveLength(3);
  });

  it('low-level beat functions refuse what does not exist or clashes', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [hook, middle] = session.beats;
    await expectDbError(
      insertBeats(db, MISSING, [{ beat: parsedBeat('x'), position: 0 }]),
      'SESSION_NOT_FOUND',
    );
    await expectDbError(
      insertBeats(db, session.id, [{ beat: parsedBeat('Hook'), position: 9 }]),
      'DUPLICATE_BEAT',
    );
    await expectDbError(
      updateBeatFromScript(db, {
        beatId: hook!.id,
        beat: parsedBeat('MIDDLE'),
        position: 0,
        staleReason: null,
      }),
      'DUPLICATE_BEAT',
    );
    await expectDbError(
      updateBeatFromScript(db, {
        beatId: MISSING,
        beat: parsedBeat('x'),
        position: 0,
        staleReason: null,
      }),
      'BEAT_NOT_FOUND',
    );
    await expectDbError(deleteBeats(db, session.id, [middle!.id, MISSING]), 'BEAT_NOT_FOUND');
    expect(await insertBeats(db, session.id, [])).toEqual([]);
    expect(await deleteBeats(db, session.id, [])).toEqual({ storageKeys: [] });
  });

  it('sets a beat status with an error, and clears the error', async () => {
    const { db } = database();
    const beat = (await newSession(db)).beats[0]!;
    const failed = await setBeatStatus(db, beat.id, 'failed', {
      code: 'voice_not_found',
      message: 'Voice missing',
    });
    expect(failed).toMatchObject({
      status: 'failed',
      lastErrorCode: 'voice_not_found',
      lastErrorMessage: 'Voice missing',
    });
    expect(await setBeatStatus(db, beat.id, 'queued')).toMatchObject({
      status: 'queued',
      lastErrorCode: null,
      lastErrorMessage: null,
    });
    await expectDbError(setBeatStatus(db, MISSING, 'queued'), 'BEAT_NOT_FOUND');
  });
});
