import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  addTake,
  beats,
  createSessionFromScript,
  deleteBeats,
  deleteTake,
  getSession,
  getTake,
  selectTake,
  storageKeysInUse,
  takes,
  type StudioDb,
} from '../src/index.js';
import {
  engines,
  expectDbError,
  expectPgError,
  script,
  takeInput,
  useDatabase,
} from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function newSession(db: StudioDb, beatIds = ['a', 'b']) {
  return createSessionFromScript(db, { script: script(beatIds), sourceEls: '' });
}

async function selectedOf(db: StudioDb, beatId: string): Promise<string | null> {
  const [beat] = await db.select().from(beats).where(eq(beats.id, beatId));
  return beat!.selectedTakeId;
}

describe.each(engines)('takes on %s', (engine) => {
  const database = useDatabase(engine);

  it('selects the first take of a beat automatically, later ones on request', async () => {
    const { db } = database();
    const [a] = (await newSession(db)).beats;
    const first = await addTake(db, takeInput(a!.id));
    const second = await addTake(db, takeInput(a!.id));
    expect([first.selected, second.selected]).toEqual([true, false]);
    expect(await selectedOf(db, a!.id)).toBe(first.take.id);

    const third = await addTake(db, takeInput(a!.id), { select: true });
    expect(third.selected).toBe(true);
    expect(await selectedOf(db, a!.id)).toBe(third.take.id);
  });

  it('stores every take field', async () => {
    const { db } = database();
    const [a] = (await newSession(db)).beats;
    const input = takeInput(a!.id, {
      provider: 'local',
      requestIds: ['r1', 'r2'],
      direction: null,
    });
    const { take } = await addTake(db, input);
    expect(take).toMatchObject({ ...input, jobId: null });
    expect((await getSession(db, a!.sessionId)).beats[0]?.takes).toEqual([
      { ...take, decision: null, notes: [] },
    ]);
    expect(await getTake(db, take.id)).toEqual(take);
    expect(await getTake(db, MISSING)).toBeNull();
  });

  it('refuses a take for an unknown beat', async () => {
    await expectDbError(addTake(database().db, takeInput(MISSING)), 'BEAT_NOT_FOUND');
  });

  it('selects a take of the beat and refuses takes of other beats', async () => {
    const { db } = database();
    const [a, b] = (await newSession(db)).beats;
    const a1 = await addTake(db, takeInput(a!.id));
    const a2 = await addTake(db, takeInput(a!.id));
    const b1 = await addTake(db, takeInput(b!.id));

    const beat = await selectTake(db, { beatId: a!.id, takeId: a2.take.id });
    expect(beat.selectedTakeId).toBe(a2.take.id);
    await expectDbError(selectTake(db, { beatId: a!.id, takeId: b1.take.id }), 'TAKE_NOT_IN_BEAT');
    await expectDbError(selectTake(db, { beatId: a!.id, takeId: MISSING }), 'TAKE_NOT_FOUND');
    expect(await selectedOf(db, a!.id)).toBe(a2.take.id);
    expect(a1.selected).toBe(true);
  });

  it('the database itself refuses a selected take of another beat', async () => {
    const { db } = database();
    const [a, b] = (await newSession(db)).beats;
    const b1 = await addTake(db, takeInput(b!.id));
    await expectPgError(
      db.update(beats).set({ selectedTakeId: b1.take.id }).where(eq(beats.id, a!.id)),
      '23503',
      'beats_selected_take_fk',
    );
  });

  it('deleting the selected take clears the selection; a bare DELETE is refused', async () => {
    const { db } = database();
    const [a] = (await newSession(db)).beats;
    const t1 = await addTake(db, takeInput(a!.id));
    const t2 = await addTake(db, takeInput(a!.id));

    await expectPgError(
      db.delete(takes).where(eq(takes.id, t1.take.id)),
      '23503',
      'beats_selected_take_fk',
    );
    expect(await deleteTake(db, t2.take.id)).toEqual({
      storageKey: t2.take.storageKey,
      wasSelected: false,
    });
    expect(await selectedOf(db, a!.id)).toBe(t1.take.id);
    expect(await deleteTake(db, t1.take.id)).toEqual({
      storageKey: t1.take.storageKey,
      wasSelected: true,
    });
    expect(await selectedOf(db, a!.id)).toBeNull();
    await expectDbError(deleteTake(db, t1.take.id), 'TAKE_NOT_FOUND');
  });

  it('deleting a beat cascades to its takes, selected one included', async () => {
    const { db } = database();
    const session = await newSession(db);
    const [a, b] = session.beats;
    const t1 = await addTake(db, takeInput(a!.id));
    const t2 = await addTake(db, takeInput(a!.id));
    const kept = await addTake(db, takeInput(b!.id));

    const { storageKeys } = await deleteBeats(db, session.id, [a!.id]);
    expect(storageKeys.sort()).toEqual([t1.take.storageKey, t2.take.storageKey].sort());
    expect(
      await db
        .select()
        .from(takes)
        .where(inArray(takes.id, [t1.take.id, t2.take.id])),
    ).toEqual([]);
    // A raw DELETE of a beat works too: the selected-take check runs after the cascade.
    await db.delete(beats).where(eq(beats.id, b!.id));
    expect(await db.select().from(takes).where(eq(takes.id, kept.take.id))).toEqual([]);
  });

  it('lists the storage keys in use', async () => {
    const { db } = database();
    const [a] = (await newSession(db)).beats;
    const { take } = await addTake(db, takeInput(a!.id));
    const inUse = await storageKeysInUse(db);
    expect(inUse).toContain(take.storageKey);
    expect(new Set(inUse).size).toBe(inUse.length);
    await deleteTake(db, take.id);
    expect(await storageKeysInUse(db)).not.toContain(take.storageKey);
  });

  it('50 concurrent selections leave exactly one selected take, of that beat', async () => {
    const { db } = database();
    const [a, b] = (await newSession(db)).beats;
    const own: string[] = [];
    for (let i = 0; i < 5; i++) own.push((await addTake(db, takeInput(a!.id))).take.id);
    const foreign = (await addTake(db, takeInput(b!.id))).take.id;

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        // Every fifth call tries to select the other beat's take and must be refused.
        selectTake(db, { beatId: a!.id, takeId: i % 5 === 4 ? foreign : own[i % 5]! }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const r of refused)
      expect((r as PromiseRejectedResult).reason.code).toBe('TAKE_NOT_IN_BEAT');

    const loaded = (await getSession(db, a!.sessionId)).beats;
    const selected = loaded.filter((beat) => beat.selectedTakeId !== null);
    expect(selected.map((beat) => beat.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(own).toContain(loaded.find((beat) => beat.id === a!.id)?.selectedTakeId);
    expect(loaded.find((beat) => beat.id === b!.id)?.selectedTakeId).toBe(foreign);
  });

  it('50 concurrent takes for one beat all survive and exactly one is auto-selected', async () => {
    const { db } = database();
    const [a] = (await newSession(db)).beats;
    const added = await Promise.all(
      Array.from({ length: 50 }, () => addTake(db, takeInput(a!.id))),
    );
    const autoSelected = added.filter((r) => r.selected);
    expect(autoSelected).toHaveLength(1);
    const stored = await db.select().from(takes).where(eq(takes.beatId, a!.id));
    expect(stored).toHaveLength(50);
    expect(await selectedOf(db, a!.id)).toBe(autoSelected[0]!.take.id);
  });
});
