import type { Script } from '@studio/els';
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource, SelectedFields } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { StudioDb } from '../client.js';
import { DbError, parseOrThrow } from '../errors.js';
import {
  beats,
  sessions,
  takeDecisions,
  takes,
  type BeatRow,
  type BeatStatus,
  type DialogueMode,
  type ErrorInfo,
  type SessionRow,
  type SessionStatus,
  type TakeDecision,
  type TakeDecisionRow,
  type TakeNoteRow,
  type TakeRow,
} from '../schema/index.js';
import { insertBeats } from './beats.js';
import { checkBeat, checkSession, checkTake } from './check-rows.js';
import { notesOfTakes } from './reviews.js';
import { takeStorageKeys } from './takes.js';

/** What a list of sessions shows: the row without its script (megabytes for a long one). */
export interface SessionSummary extends Omit<SessionRow, 'sourceEls'> {
  beatCount: number;
  /** Beats whose status is `ready`. */
  readyCount: number;
  /** Beats whose selected take has a decision (approved or rejected). */
  reviewedCount: number;
  /** Beats whose selected take is approved and still voices the script (not stale). */
  approvedCount: number;
  /** readyCount / beatCount, 0 for an empty session. */
  progress: number;
  /** Sum of the selected takes' durations. */
  totalDurationMs: number;
}

/** A take with the review of it: the decision (if any) and its notes, oldest first. */
export interface ReviewedTake extends TakeRow {
  decision: TakeDecisionRow | null;
  notes: TakeNoteRow[];
}

export interface BeatWithTakes extends BeatRow {
  /** Oldest first. */
  takes: ReviewedTake[];
}

export interface SessionDetail extends SessionRow {
  /** In script order. */
  beats: BeatWithTakes[];
}

const UNTITLED = 'Untitled';

export interface NewSessionFromScript {
  script: Script;
  sourceEls: string;
  /** Overrides the script's META title. */
  videoTitle?: string;
  /** Default `one_performance` (the column's default). */
  dialogueMode?: DialogueMode;
}

/** Creates a session and all its beats in one transaction. */
export async function createSessionFromScript(
  db: StudioDb,
  input: NewSessionFromScript,
): Promise<SessionDetail> {
  return db.transaction(async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({
        videoTitle: input.videoTitle ?? input.script.videoTitle ?? UNTITLED,
        project: input.script.project,
        sourceEls: input.sourceEls,
        ...(input.dialogueMode ? { dialogueMode: input.dialogueMode } : {}),
      })
      .returning();
    if (!session) throw new Error('insert returned no row');
    const rows = await insertBeats(
      tx,
      session.id,
      input.script.beats.map((beat, position) => ({ beat, position })),
    );
    return { ...session, beats: rows.map((b) => ({ ...b, takes: [] })) };
  });
}

/** Every session, newest first, with its progress in one query; scripts stay in the database. */
export async function listSessions(db: StudioDb): Promise<SessionSummary[]> {
  const { sourceEls: _script, ...summaryColumns } = getTableColumns(sessions);
  const stats = db
    .select({
      sessionId: beats.sessionId,
      beatCount: sql<number>`count(*)`.as('beat_count'),
      readyCount: sql<number>`count(*) filter (where ${beats.status} = 'ready')`.as('ready_count'),
      reviewedCount: sql<number>`count(${takeDecisions.takeId})`.as('reviewed_count'),
      approvedCount: sql<number>`count(*) filter (where ${takeDecisions.decision} = 'approved'
        and ${beats.staleReason} is null)`.as('approved_count'),
      totalDurationMs: sql<number>`coalesce(sum(${takes.durationMs}), 0)`.as('total_duration_ms'),
    })
    .from(beats)
    .leftJoin(takes, eq(takes.id, beats.selectedTakeId))
    .leftJoin(takeDecisions, eq(takeDecisions.takeId, beats.selectedTakeId))
    .groupBy(beats.sessionId)
    .as('stats');
  const rows = await db
    .select({
      ...summaryColumns,
      beatCount: sql`coalesce(${stats.beatCount}, 0)`.mapWith(Number),
      readyCount: sql`coalesce(${stats.readyCount}, 0)`.mapWith(Number),
      reviewedCount: sql`coalesce(${stats.reviewedCount}, 0)`.mapWith(Number),
      approvedCount: sql`coalesce(${stats.approvedCount}, 0)`.mapWith(Number),
      totalDurationMs: sql`coalesce(${stats.totalDurationMs}, 0)`.mapWith(Number),
    })
    .from(sessions)
    .leftJoin(stats, eq(stats.sessionId, sessions.id))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  return rows.map(checkSession).map((r) => ({
    ...r,
    progress: r.beatCount === 0 ? 0 : r.readyCount / r.beatCount,
  }));
}

/**
 * Beats with their takes (oldest first) and the takes' reviews, in script order. Beats, takes
 * and decisions come from one statement, so a beat's selected take is always in its list.
 */
async function beatsWithTakes(db: StudioDb, where: SQL | undefined): Promise<BeatWithTakes[]> {
  const rows = await db
    .select({ beat: beats, take: takes, decision: takeDecisions })
    .from(beats)
    .leftJoin(takes, eq(takes.beatId, beats.id))
    .leftJoin(takeDecisions, eq(takeDecisions.takeId, takes.id))
    .where(where)
    .orderBy(asc(beats.position), asc(beats.id), asc(takes.createdAt), asc(takes.id));
  const notes = new Map<string, TakeNoteRow[]>();
  const takeIds = rows.flatMap(({ take }) => (take ? [take.id] : []));
  for (const note of await notesOfTakes(db, takeIds)) {
    const list = notes.get(note.takeId);
    if (list) list.push(note);
    else notes.set(note.takeId, [note]);
  }
  const byId = new Map<string, BeatWithTakes>();
  for (const { beat, take, decision } of rows) {
    let entry = byId.get(beat.id);
    if (!entry) {
      entry = { ...checkBeat(beat), takes: [] };
      byId.set(beat.id, entry);
    }
    if (take) entry.takes.push({ ...checkTake(take), decision, notes: notes.get(take.id) ?? [] });
  }
  return [...byId.values()];
}

/** A session's row without its script (megabytes for a long one); SESSION_NOT_FOUND without one. */
export async function getSessionRow(
  db: StudioDb,
  id: string,
): Promise<Omit<SessionRow, 'sourceEls'>> {
  const { sourceEls: _script, ...columns } = getTableColumns(sessions);
  return checkSession(await sessionColumns(db, id, columns));
}

/** A session with its beats in script order, each with its takes. */
export async function getSession(db: StudioDb, id: string): Promise<SessionDetail> {
  const [session] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!session) throw new DbError('SESSION_NOT_FOUND', `no session ${id}`);
  checkSession(session);
  return { ...session, beats: await beatsWithTakes(db, eq(beats.sessionId, id)) };
}

/**
 * Some beats of a session with their takes, in script order; ids of other sessions' beats are
 * left out. What the review page loads for the beats on screen.
 */
export async function getBeatsWithTakes(
  db: StudioDb,
  sessionId: string,
  beatIds: readonly string[],
): Promise<BeatWithTakes[]> {
  await getSessionRow(db, sessionId);
  if (beatIds.length === 0) return [];
  return beatsWithTakes(db, and(eq(beats.sessionId, sessionId), inArray(beats.id, [...beatIds])));
}

/** A beat as the outline of a session lists it: no text or parsed lines, its takes counted. */
export type BeatOutline = Pick<
  BeatRow,
  | 'id'
  | 'position'
  | 'beatKey'
  | 'number'
  | 'name'
  | 'status'
  | 'lastErrorCode'
  | 'lastErrorMessage'
  | 'staleReason'
  | 'selectedTakeId'
> & {
  takeCount: number;
  /** The selected take's duration; 0 when none is selected. */
  selectedDurationMs: number;
  /** The reviewer's decision on the selected take, null when none. */
  selectedDecision: TakeDecision | null;
};

/** A session without its script, its beats as outlines: what a long session's page needs first. */
export interface SessionOutline extends Omit<SessionRow, 'sourceEls'> {
  /** In script order. */
  beats: BeatOutline[];
}

export async function getSessionOutline(db: StudioDb, id: string): Promise<SessionOutline> {
  const session = await getSessionRow(db, id);
  const counts = db
    .select({ beatId: takes.beatId, takeCount: sql<number>`count(*)`.as('take_count') })
    .from(takes)
    .innerJoin(beats, eq(beats.id, takes.beatId))
    .where(eq(beats.sessionId, id))
    .groupBy(takes.beatId)
    .as('counts');
  // One JSON value, not a row per beat: reading thousands of rows costs PGlite far more.
  const [row] = await db
    .select({
      beats: sql<BeatOutline[] | null>`json_agg(json_build_object(
        'id', ${beats.id}, 'position', ${beats.position}, 'beatKey', ${beats.beatKey},
        'number', ${beats.number}, 'name', ${beats.name}, 'status', ${beats.status},
        'lastErrorCode', ${beats.lastErrorCode}, 'lastErrorMessage', ${beats.lastErrorMessage},
        'staleReason', ${beats.staleReason}, 'selectedTakeId', ${beats.selectedTakeId},
        'takeCount', coalesce(${counts.takeCount}, 0),
        'selectedDurationMs', coalesce(${takes.durationMs}, 0),
        'selectedDecision', ${takeDecisions.decision}
      ) order by ${beats.position}, ${beats.id})`,
    })
    .from(beats)
    .leftJoin(counts, eq(counts.beatId, beats.id))
    .leftJoin(takes, eq(takes.id, beats.selectedTakeId))
    .leftJoin(takeDecisions, eq(takeDecisions.takeId, beats.selectedTakeId))
    .where(eq(beats.sessionId, id));
  return { ...session, beats: row?.beats ?? [] };
}

/** Beats that read the same to the review rules (status, staleness, decision), counted. */
export interface ReviewTally {
  status: BeatStatus;
  staleReason: string | null;
  /** The decision on the beat's selected take, null when none. */
  selectedDecision: TakeDecision | null;
  beats: number;
}

/** A session without its script, and its beats tallied: what progress and review status need. */
export interface SessionTally extends Omit<SessionRow, 'sourceEls'> {
  tally: ReviewTally[];
}

/** One grouped query, however many beats: read after every selection, decision and take. */
export async function getSessionTally(db: StudioDb, id: string): Promise<SessionTally> {
  const session = await getSessionRow(db, id);
  const tally = await db
    .select({
      status: beats.status,
      staleReason: beats.staleReason,
      selectedDecision: takeDecisions.decision,
      beats: sql`count(*)`.mapWith(Number),
    })
    .from(beats)
    .leftJoin(takeDecisions, eq(takeDecisions.takeId, beats.selectedTakeId))
    .where(eq(beats.sessionId, id))
    .groupBy(beats.status, beats.staleReason, takeDecisions.decision);
  return { ...session, tally };
}

const titleSchema = z.object({ videoTitle: z.string().trim().min(1) });

export async function renameSession(
  db: StudioDb,
  id: string,
  videoTitle: string,
): Promise<SessionRow> {
  const values = parseOrThrow(titleSchema, { videoTitle }, 'INVALID_INPUT');
  return updateSession(db, id, values);
}

export async function setSessionStatus(
  db: StudioDb,
  id: string,
  status: SessionStatus,
): Promise<SessionRow> {
  return updateSession(db, id, { status });
}

/** How the session's multi-character beats are voiced from now on (takes keep what they used). */
export async function setSessionDialogueMode(
  db: StudioDb,
  id: string,
  dialogueMode: DialogueMode,
): Promise<SessionRow> {
  return updateSession(db, id, { dialogueMode });
}

/** Some columns of a session's row; SESSION_NOT_FOUND without one. */
async function sessionColumns<T extends SelectedFields>(db: StudioDb, id: string, columns: T) {
  const [row] = await db.select(columns).from(sessions).where(eq(sessions.id, id));
  if (!row) throw new DbError('SESSION_NOT_FOUND', `no session ${id}`);
  return row;
}

/** What voicing one of the session's beats reads of it, in one query: project, modes. */
export async function getSessionVoicing(
  db: StudioDb,
  id: string,
): Promise<{ project: string | null; dialogueMode: DialogueMode; qcListening: boolean | null }> {
  return sessionColumns(db, id, {
    project: sessions.project,
    dialogueMode: sessions.dialogueMode,
    qcListening: sessions.qcListening,
  });
}

/** The session's own QC listening setting (`null`: as the studio is set). */
export async function getSessionQcListening(db: StudioDb, id: string): Promise<boolean | null> {
  return (await sessionColumns(db, id, { qcListening: sessions.qcListening })).qcListening;
}

/** Whether the session's takes are transcribed for QC (`null`: as the studio is set). */
export async function setSessionQcListening(
  db: StudioDb,
  id: string,
  qcListening: boolean | null,
): Promise<SessionRow> {
  return updateSession(db, id, { qcListening });
}

/** Records (or, with `null`, clears) a failure that concerns the whole session. */
export async function setSessionError(
  db: StudioDb,
  id: string,
  error: ErrorInfo | null,
): Promise<SessionRow> {
  return updateSession(db, id, { lastError: error });
}

/** The session's project, what it has spent and may spend, without its beats. */
export async function getSessionLedger(
  db: StudioDb,
  id: string,
): Promise<{ project: string | null; charactersSpent: number; budgetCredits: number | null }> {
  return sessionColumns(db, id, {
    project: sessions.project,
    charactersSpent: sessions.charactersSpent,
    budgetCredits: sessions.budgetCredits,
  });
}

/** Sets (or, with `null`, lifts) the credits the session may spend. */
export async function setSessionBudget(
  db: StudioDb,
  id: string,
  credits: number | null,
): Promise<SessionRow> {
  if (credits !== null && !(Number.isInteger(credits) && credits >= 0)) {
    throw new DbError(
      'INVALID_INPUT',
      'the budget must be a whole number of credits, 0 or more',
      'credits',
    );
  }
  return updateSession(db, id, { budgetCredits: credits });
}

/** Atomically adds provider characters billed to the session's total. */
export async function addCharactersSpent(
  db: StudioDb,
  id: string,
  characters: number,
): Promise<SessionRow> {
  if (!Number.isInteger(characters) || characters < 0) {
    throw new DbError('INVALID_INPUT', 'characters must be a non-negative integer', 'characters');
  }
  return updateSession(db, id, {
    charactersSpent: sql`${sessions.charactersSpent} + ${characters}`,
  });
}

async function updateSession(
  db: StudioDb,
  id: string,
  values: PgUpdateSetSource<typeof sessions>,
): Promise<SessionRow> {
  const [row] = await db.update(sessions).set(values).where(eq(sessions.id, id)).returning();
  if (!row) throw new DbError('SESSION_NOT_FOUND', `no session ${id}`);
  return checkSession(row);
}

/**
 * Deletes a session with everything in it (beats, takes, jobs, exports cascade). Returns the
 * storage keys of its takes so the caller can delete the files.
 */
export async function deleteSession(db: StudioDb, id: string): Promise<{ storageKeys: string[] }> {
  return db.transaction(async (tx) => {
    const storageKeys = await takeStorageKeys(tx, eq(beats.sessionId, id));
    const deleted = await tx
      .delete(sessions)
      .where(eq(sessions.id, id))
      .returning({ id: sessions.id });
    if (deleted.length === 0) throw new DbError('SESSION_NOT_FOUND', `no session ${id}`);
    return { storageKeys };
  });
}
