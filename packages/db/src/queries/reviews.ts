import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { StudioDb } from '../client.js';
import { DbError, onConstraint, parseOrThrow } from '../errors.js';
import {
  beats,
  takeDecisions,
  takeNotes,
  takes,
  type BeatRow,
  type RejectionReason,
  type TakeDecisionRow,
  type TakeNoteRow,
} from '../schema/index.js';
import { checkBeat } from './check-rows.js';
import { chunks, IDS_PER_STATEMENT } from './chunks.js';

const author = z.string().trim().min(1).max(120);
const noteSchema = z.object({
  text: z.string().trim().min(1).max(4000),
  atMs: z.number().int().nonnegative().nullable().default(null),
  author,
});

export type NewTakeNote = z.input<typeof noteSchema>;

/** The beat of a take, or TAKE_NOT_FOUND. */
async function beatIdOf(db: StudioDb, takeId: string): Promise<string> {
  const [take] = await db.select({ beatId: takes.beatId }).from(takes).where(eq(takes.id, takeId));
  if (!take) throw new DbError('TAKE_NOT_FOUND', `no take ${takeId}`);
  return take.beatId;
}

/** A take deleted between reading its beat and writing the decision. */
const takeGone = (takeId: string) => (work: () => Promise<TakeDecisionRow[]>) =>
  onConstraint(work, 'take_decisions_take_fk', 'TAKE_NOT_FOUND', `no take ${takeId}`);

export interface ApprovedTake {
  beat: BeatRow;
  decision: TakeDecisionRow;
  /** The take that was the beat's approved one before, now undecided. */
  unapprovedTakeId: string | null;
}

/**
 * Approves a take and makes it the beat's selected take, in one transaction: a beat has at most
 * one approved take (a unique index), and it is the selected one. Concurrent approvals in one
 * beat queue on the beat's row lock, so the last to commit is both selected and approved.
 */
export async function approveTake(
  db: StudioDb,
  input: { takeId: string; author: string },
): Promise<ApprovedTake> {
  const by = parseOrThrow(author, input.author, 'INVALID_INPUT');
  return db.transaction(async (tx) => {
    const beatId = await beatIdOf(tx, input.takeId);
    await tx.select({ id: beats.id }).from(beats).where(eq(beats.id, beatId)).for('no key update');
    const previous = await tx
      .delete(takeDecisions)
      .where(
        and(
          eq(takeDecisions.beatId, beatId),
          eq(takeDecisions.decision, 'approved'),
          ne(takeDecisions.takeId, input.takeId),
        ),
      )
      .returning({ takeId: takeDecisions.takeId });
    const approval = { decision: 'approved' as const, reason: null, noteId: null, author: by };
    const [decision] = await takeGone(input.takeId)(() =>
      tx
        .insert(takeDecisions)
        .values({ takeId: input.takeId, beatId, ...approval })
        .onConflictDoUpdate({
          target: takeDecisions.takeId,
          set: { ...approval, decidedAt: new Date() },
        })
        .returning(),
    );
    const [beat] = await tx
      .update(beats)
      .set({ selectedTakeId: input.takeId })
      .where(eq(beats.id, beatId))
      .returning();
    if (!decision || !beat) throw new DbError('TAKE_NOT_FOUND', `no take ${input.takeId}`);
    return { beat: checkBeat(beat), decision, unapprovedTakeId: previous[0]?.takeId ?? null };
  });
}

export interface RejectedTake {
  decision: TakeDecisionRow;
  /** The note given with the rejection, stored with the take's other notes. */
  note: TakeNoteRow | null;
}

/**
 * Rejects a take for a reason from the fixed list (the database refuses any other), with an
 * optional note. The selection stays: a rejected selected take leaves its beat needing a fix.
 */
export async function rejectTake(
  db: StudioDb,
  input: {
    takeId: string;
    reason: RejectionReason;
    author: string;
    note?: { text: string; atMs?: number | null } | undefined;
  },
): Promise<RejectedTake> {
  const by = parseOrThrow(author, input.author, 'INVALID_INPUT');
  const noteValues = input.note
    ? parseOrThrow(noteSchema, { ...input.note, author: by }, 'INVALID_INPUT')
    : null;
  return db.transaction(async (tx) => {
    const beatId = await beatIdOf(tx, input.takeId);
    const note = noteValues ? await insertNote(tx, input.takeId, noteValues) : null;
    const rejection = {
      decision: 'rejected' as const,
      reason: input.reason,
      noteId: note?.id ?? null,
      author: by,
    };
    const [decision] = await onConstraint(
      () =>
        takeGone(input.takeId)(() =>
          tx
            .insert(takeDecisions)
            .values({ takeId: input.takeId, beatId, ...rejection })
            .onConflictDoUpdate({
              target: takeDecisions.takeId,
              set: { ...rejection, decidedAt: new Date() },
            })
            .returning(),
        ),
      'take_decisions_reason_valid',
      'INVALID_INPUT',
      `unknown rejection reason ${input.reason}`,
    );
    if (!decision) throw new DbError('TAKE_NOT_FOUND', `no take ${input.takeId}`);
    return { decision, note };
  });
}

/** Removes a take's decision (back to unreviewed); its notes stay. */
export async function clearDecision(
  db: StudioDb,
  takeId: string,
): Promise<{ takeId: string; beatId: string }> {
  const beatId = await beatIdOf(db, takeId);
  await db.delete(takeDecisions).where(eq(takeDecisions.takeId, takeId));
  return { takeId, beatId };
}

async function insertNote(
  db: StudioDb,
  takeId: string,
  values: z.output<typeof noteSchema>,
): Promise<TakeNoteRow> {
  const [note] = await onConstraint(
    () =>
      db
        .insert(takeNotes)
        .values({ takeId, ...values })
        .returning(),
    'take_notes_take_id_takes_id_fk',
    'TAKE_NOT_FOUND',
    `no take ${takeId}`,
  );
  if (!note) throw new Error('insert returned no row');
  return note;
}

/** Adds a note to a take: text, an optional time in the take (ms), its author. */
export async function addTakeNote(
  db: StudioDb,
  input: { takeId: string } & NewTakeNote,
): Promise<TakeNoteRow> {
  const { takeId, ...note } = input;
  return insertNote(db, takeId, parseOrThrow(noteSchema, note, 'INVALID_INPUT'));
}

export async function setNoteResolved(
  db: StudioDb,
  noteId: string,
  resolved: boolean,
): Promise<TakeNoteRow> {
  const [note] = await db
    .update(takeNotes)
    .set({ resolved })
    .where(eq(takeNotes.id, noteId))
    .returning();
  if (!note) throw new DbError('NOTE_NOT_FOUND', `no note ${noteId}`);
  return note;
}

/** Deletes a note; a rejection given with it keeps its reason and loses the note. */
export async function deleteTakeNote(db: StudioDb, noteId: string): Promise<TakeNoteRow> {
  const [note] = await db.delete(takeNotes).where(eq(takeNotes.id, noteId)).returning();
  if (!note) throw new DbError('NOTE_NOT_FOUND', `no note ${noteId}`);
  return note;
}

/** The beat (and session) a take belongs to, for publishing what changed. */
export async function takeOwner(
  db: StudioDb,
  takeId: string,
): Promise<{ beatId: string; sessionId: string }> {
  const [row] = await db
    .select({ beatId: beats.id, sessionId: beats.sessionId })
    .from(takes)
    .innerJoin(beats, eq(beats.id, takes.beatId))
    .where(eq(takes.id, takeId));
  if (!row) throw new DbError('TAKE_NOT_FOUND', `no take ${takeId}`);
  return row;
}

/** The notes of some takes, each take's oldest first: only the takes a caller is showing. */
export async function notesOfTakes(
  db: StudioDb,
  takeIds: readonly string[],
): Promise<TakeNoteRow[]> {
  const notes: TakeNoteRow[] = [];
  for (const ids of chunks(takeIds, IDS_PER_STATEMENT)) {
    notes.push(
      ...(await db
        .select()
        .from(takeNotes)
        .where(inArray(takeNotes.takeId, ids))
        .orderBy(asc(takeNotes.createdAt), asc(takeNotes.id))),
    );
  }
  return notes;
}
