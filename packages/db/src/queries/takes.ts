import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { StudioDb } from '../client.js';
import { DbError, onConstraint } from '../errors.js';
import { beats, takes, type BeatRow, type TakeQc, type TakeRow } from '../schema/index.js';
import { checkBeat, checkTake } from './check-rows.js';

/** A take as the audio pipeline reports it. */
export type NewTake = Omit<typeof takes.$inferInsert, 'id' | 'jobId' | 'createdAt'>;

export interface AddedTake {
  take: TakeRow;
  /** Whether the take is now the beat's selected take. */
  selected: boolean;
}

/**
 * Stores a take. It becomes the selected take when `select` is set or when the beat had none
 * yet (the first take of a beat is selected automatically).
 */
export async function addTake(
  db: StudioDb,
  input: NewTake,
  opts: { select?: boolean } = {},
): Promise<AddedTake> {
  const select = opts.select ?? false;
  return db.transaction(async (tx) => {
    const take = await insertTakeRow(tx, input);
    // Concurrent first takes serialise on the beat row; only one sees the selection empty.
    const selected = await tx
      .update(beats)
      .set({ selectedTakeId: take.id })
      .where(and(eq(beats.id, take.beatId), select ? undefined : isNull(beats.selectedTakeId)))
      .returning({ id: beats.id });
    return { take, selected: selected.length > 0 };
  });
}

/** The take's row alone (`completeJob` settles the beat's selection in its own update). */
export async function insertTakeRow(
  db: StudioDb,
  values: NewTake & { jobId?: string },
): Promise<TakeRow> {
  const [take] = await onConstraint(
    () => db.insert(takes).values(values).returning(),
    'takes_beat_id_beats_id_fk',
    'BEAT_NOT_FOUND',
    `no beat ${values.beatId}`,
  );
  if (!take) throw new Error('insert returned no row');
  return take;
}

/**
 * Makes `takeId` the beat's selected take in one statement. The composite foreign key refuses a
 * take of another beat; checking first only picks the right error code.
 */
export async function selectTake(
  db: StudioDb,
  ref: { beatId: string; takeId: string },
): Promise<BeatRow> {
  const [take] = await db
    .select({ beatId: takes.beatId })
    .from(takes)
    .where(eq(takes.id, ref.takeId));
  if (!take) throw new DbError('TAKE_NOT_FOUND', `no take ${ref.takeId}`);
  if (take.beatId !== ref.beatId) {
    throw new DbError('TAKE_NOT_IN_BEAT', `take ${ref.takeId} belongs to another beat`);
  }
  const [beat] = await onConstraint(
    () =>
      db
        .update(beats)
        .set({ selectedTakeId: ref.takeId })
        .where(eq(beats.id, ref.beatId))
        .returning(),
    // The take was deleted between the check and the update.
    'beats_selected_take_fk',
    'TAKE_NOT_FOUND',
    `no take ${ref.takeId}`,
  );
  if (!beat) throw new DbError('BEAT_NOT_FOUND', `no beat ${ref.beatId}`);
  return checkBeat(beat);
}

/**
 * Deletes a take, clearing the beat's selection first when it was the selected one (the
 * database itself refuses to delete a selected take). Returns the file to delete.
 */
export async function deleteTake(
  db: StudioDb,
  takeId: string,
): Promise<{ storageKey: string; wasSelected: boolean }> {
  return db.transaction(async (tx) => {
    const [take] = await tx
      .select({ beatId: takes.beatId })
      .from(takes)
      .where(eq(takes.id, takeId));
    if (!take) throw new DbError('TAKE_NOT_FOUND', `no take ${takeId}`);
    // Lock the beat so a concurrent selectTake of this take waits, then finds it gone.
    await tx
      .select({ id: beats.id })
      .from(beats)
      .where(eq(beats.id, take.beatId))
      .for('no key update');
    const cleared = await tx
      .update(beats)
      .set({ selectedTakeId: null })
      .where(and(eq(beats.id, take.beatId), eq(beats.selectedTakeId, takeId)))
      .returning({ id: beats.id });
    const [deleted] = await tx
      .delete(takes)
      .where(eq(takes.id, takeId))
      .returning({ storageKey: takes.storageKey });
    if (!deleted) throw new DbError('TAKE_NOT_FOUND', `no take ${takeId}`);
    return { storageKey: deleted.storageKey, wasSelected: cleared.length > 0 };
  });
}

/** One take by id, or null: what `GET /audio/:takeId` streams (a miss is a plain 404 there). */
export async function getTake(db: StudioDb, takeId: string): Promise<TakeRow | null> {
  const [take] = await db.select().from(takes).where(eq(takes.id, takeId));
  return take ? checkTake(take) : null;
}

/** Storage keys of the takes of the beats matching `beatCondition`. */
export async function takeStorageKeys(
  db: StudioDb,
  beatCondition: SQL | undefined,
): Promise<string[]> {
  const rows = await db
    .select({ storageKey: takes.storageKey })
    .from(takes)
    .innerJoin(beats, eq(beats.id, takes.beatId))
    .where(beatCondition);
  return rows.map((r) => r.storageKey);
}

/** Every storage key a take still points at, for the orphan-file sweep. */
export async function storageKeysInUse(db: StudioDb): Promise<string[]> {
  const rows = await db.selectDistinct({ storageKey: takes.storageKey }).from(takes);
  return rows.map((r) => r.storageKey);
}

/** Records a take's QC (after a `qc.rerun`, or once the session-wide checks ran). */
export async function setTakeQc(db: StudioDb, takeId: string, qc: TakeQc): Promise<TakeRow> {
  const [take] = await db.update(takes).set({ qc }).where(eq(takes.id, takeId)).returning();
  if (!take) throw new DbError('TAKE_NOT_FOUND', `no take ${takeId}`);
  return checkTake(take);
}
