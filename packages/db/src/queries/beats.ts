import type { Beat as ParsedBeat } from '@studio/els';
import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { StudioDb } from '../client.js';
import { DbError, onConstraint } from '../errors.js';
import {
  beats,
  sessions,
  takes,
  type BeatRow,
  type BeatStatus,
  type ErrorInfo,
  type SegmentContinuity,
} from '../schema/index.js';
import { checkBeat, checkTake, checkTakeContinuity } from './check-rows.js';
import { chunks, IDS_PER_STATEMENT, ROWS_PER_INSERT } from './chunks.js';
import { takeStorageKeys } from './takes.js';

/** One beat by id (what a generation job voices), or null when it was deleted meanwhile. */
export async function getBeat(db: StudioDb, beatId: string): Promise<BeatRow | null> {
  const [beat] = await db.select().from(beats).where(eq(beats.id, beatId));
  return beat ? checkBeat(beat) : null;
}

/** A beat next to the one being voiced: its parsed script and its selected take's requests. */
export interface NeighbourBeat {
  parsed: ParsedBeat;
  /** The selected take's segments (empty when it has none). */
  continuity: SegmentContinuity[];
}

/** A beat a run would voice, with the neighbours its render sends as context. */
export interface BeatToVoice {
  beat: BeatRow;
  previous: NeighbourBeat | null;
  next: NeighbourBeat | null;
}

/**
 * The beats of a session in one of `statuses`, in script order, each with its neighbours. Only
 * those beats and their neighbours are read in full: for a voiced session of thousands of beats
 * this is one narrow query.
 */
export async function beatsToVoice(
  db: StudioDb,
  sessionId: string,
  statuses: readonly BeatStatus[],
): Promise<BeatToVoice[]> {
  const order = await db
    .select({ id: beats.id, status: beats.status })
    .from(beats)
    .where(eq(beats.sessionId, sessionId))
    .orderBy(asc(beats.position), asc(beats.id));
  const voiced = (index: number) => statuses.includes(order[index]!.status);
  const wanted = new Set<string>();
  order.forEach((_, index) => {
    if (!voiced(index)) return;
    for (const around of [index - 1, index, index + 1]) {
      const id = order[around]?.id;
      if (id !== undefined) wanted.add(id);
    }
  });
  const read = new Map<string, { beat: BeatRow; neighbour: NeighbourBeat }>();
  for (const ids of chunks([...wanted], IDS_PER_STATEMENT)) {
    const rows = await db
      .select({ beat: beats, take: takes })
      .from(beats)
      .leftJoin(takes, eq(takes.id, beats.selectedTakeId))
      .where(inArray(beats.id, ids));
    for (const row of rows) {
      const beat = checkBeat(row.beat);
      const continuity = row.take ? checkTake(row.take).continuity : [];
      read.set(beat.id, { beat, neighbour: { parsed: beat.parsed, continuity } });
    }
  }
  const neighbour = (index: number) => read.get(order[index]?.id ?? '')?.neighbour ?? null;
  return order.flatMap((row, index) => {
    const beat = voiced(index) ? read.get(row.id)?.beat : undefined;
    // A beat deleted between the two reads is not voiced.
    return beat ? [{ beat, previous: neighbour(index - 1), next: neighbour(index + 1) }] : [];
  });
}

/**
 * The beats before and after `beat` in its session's script order, for continuity across beats:
 * their text, and the requests of their selected takes (whose ids a regeneration sends).
 */
export async function beatNeighbours(
  db: StudioDb,
  beat: Pick<BeatRow, 'sessionId' | 'position'>,
): Promise<{ previous: NeighbourBeat | null; next: NeighbourBeat | null }> {
  // Only the two columns a neighbour lends are read and checked: this runs once per voiced beat.
  const neighbour = async (before: boolean): Promise<NeighbourBeat | null> => {
    const [row] = await db
      .select({ parsed: beats.parsed, continuity: takes.continuity })
      .from(beats)
      .leftJoin(takes, eq(takes.id, beats.selectedTakeId))
      .where(
        and(
          eq(beats.sessionId, beat.sessionId),
          before ? lt(beats.position, beat.position) : gt(beats.position, beat.position),
        ),
      )
      .orderBy(before ? desc(beats.position) : asc(beats.position))
      .limit(1);
    if (!row) return null;
    const { continuity } = row;
    return {
      parsed: checkBeat({ parsed: row.parsed }).parsed,
      continuity: continuity === null ? [] : checkTakeContinuity({ continuity }).continuity,
    };
  };
  const [previous, next] = await Promise.all([neighbour(true), neighbour(false)]);
  return { previous, next };
}

export interface PlacedBeat {
  beat: ParsedBeat;
  /** Script order (0-based). */
  position: number;
}

/** The columns a parsed beat determines; shared by import and re-import. */
function scriptColumns({ beat, position }: PlacedBeat) {
  return {
    position,
    beatKey: beat.id,
    number: beat.number,
    name: beat.name,
    parsed: beat,
    text: beat.text,
  };
}

/** Beat ids are unique per session ignoring case (`Hook` and `hook` clash). */
function refusingDuplicateKeys<T>(work: () => Promise<T>): Promise<T> {
  return onConstraint(
    work,
    'beats_session_beat_key_uq',
    'DUPLICATE_BEAT',
    'a beat with this id (ignoring case) already exists in the session',
  );
}

/** Inserts parsed beats into a session, as `pending`: all of them or none. */
export async function insertBeats(
  db: StudioDb,
  sessionId: string,
  items: PlacedBeat[],
): Promise<BeatRow[]> {
  if (items.length === 0) return [];
  const rows = await refusingDuplicateKeys(() =>
    onConstraint(
      () =>
        db.transaction(async (tx) => {
          const inserted: BeatRow[] = [];
          for (const chunk of chunks(items, ROWS_PER_INSERT)) {
            const values = chunk.map((item) => ({ sessionId, ...scriptColumns(item) }));
            inserted.push(...(await tx.insert(beats).values(values).returning()));
          }
          return inserted;
        }),
      'beats_session_id_sessions_id_fk',
      'SESSION_NOT_FOUND',
      `no session ${sessionId}`,
    ),
  );
  return rows.sort((a, b) => a.position - b.position);
}

export interface BeatScriptUpdate extends PlacedBeat {
  beatId: string;
  /** What changed, when the existing takes no longer voice the beat; marks the beat `stale`. */
  staleReason: string | null;
}

/**
 * Rewrites a beat from its re-imported version. With a `staleReason` the beat becomes `stale`;
 * without one only its script data and position change.
 */
export async function updateBeatFromScript(
  db: StudioDb,
  update: BeatScriptUpdate,
): Promise<BeatRow> {
  const [row] = await refusingDuplicateKeys(() =>
    db
      .update(beats)
      .set({
        ...scriptColumns(update),
        ...(update.staleReason === null
          ? {}
          : { status: 'stale' as const, staleReason: update.staleReason }),
      })
      .where(eq(beats.id, update.beatId))
      .returning(),
  );
  if (!row) throw new DbError('BEAT_NOT_FOUND', `no beat ${update.beatId}`);
  return checkBeat(row);
}

/** Deletes beats of a session (their takes and jobs cascade) and returns the orphaned files. */
export async function deleteBeats(
  db: StudioDb,
  sessionId: string,
  beatIds: string[],
): Promise<{ storageKeys: string[] }> {
  if (beatIds.length === 0) return { storageKeys: [] };
  const ids = [...new Set(beatIds)];
  return db.transaction(async (tx) => {
    const storageKeys: string[] = [];
    let deleted = 0;
    for (const chunk of chunks(ids, IDS_PER_STATEMENT)) {
      const inSession = and(eq(beats.sessionId, sessionId), inArray(beats.id, chunk));
      storageKeys.push(...(await takeStorageKeys(tx, inSession)));
      deleted += (await tx.delete(beats).where(inSession).returning({ id: beats.id })).length;
    }
    if (deleted !== ids.length) {
      throw new DbError('BEAT_NOT_FOUND', `not every beat belongs to session ${sessionId}`);
    }
    return { storageKeys };
  });
}

/**
 * Sets a beat's generation status. An `error` is recorded with it; without one any previous
 * error is cleared.
 */
export async function setBeatStatus(
  db: StudioDb,
  beatId: string,
  status: BeatStatus,
  error?: ErrorInfo,
): Promise<BeatRow> {
  const [row] = await db
    .update(beats)
    .set({ status, lastErrorCode: error?.code ?? null, lastErrorMessage: error?.message ?? null })
    .where(eq(beats.id, beatId))
    .returning();
  if (!row) throw new DbError('BEAT_NOT_FOUND', `no beat ${beatId}`);
  return checkBeat(row);
}

/**
 * The status a beat rests in when no job is working on it: `stale` if a re-import outdated it,
 * `ready` if it has a selected take, else `pending`.
 */
export const restingBeatStatus = sql<BeatStatus>`case
  when ${beats.staleReason} is not null then 'stale'
  when ${beats.selectedTakeId} is not null then 'ready'
  else 'pending' end`;

export interface ScriptReplacementPlan {
  /** The new ELS source of the session. */
  sourceEls: string;
  videoTitle?: string;
  project?: string | null;
  /** Beats that left the script. */
  remove: string[];
  /** Beats that stay, with their new parsed version and position. */
  update: BeatScriptUpdate[];
  /** Beats new to the script. */
  insert: PlacedBeat[];
}

/**
 * Applies a re-import in one transaction: removals first (freeing their beat ids), then
 * updates, then inserts. Deciding what changed is the caller's job. Returns the storage keys of
 * the removed beats' takes.
 */
export async function replaceBeatsFromScript(
  db: StudioDb,
  sessionId: string,
  plan: ScriptReplacementPlan,
): Promise<{ storageKeys: string[] }> {
  return db.transaction(async (tx) => {
    const [session] = await tx
      .update(sessions)
      .set({
        sourceEls: plan.sourceEls,
        ...(plan.videoTitle === undefined ? {} : { videoTitle: plan.videoTitle }),
        ...(plan.project === undefined ? {} : { project: plan.project }),
      })
      .where(eq(sessions.id, sessionId))
      .returning({ id: sessions.id });
    if (!session) throw new DbError('SESSION_NOT_FOUND', `no session ${sessionId}`);
    const removed = await deleteBeats(tx, sessionId, plan.remove);
    const sessionBeatIds = new Set(
      (await tx.select({ id: beats.id }).from(beats).where(eq(beats.sessionId, sessionId))).map(
        (b) => b.id,
      ),
    );
    for (const update of plan.update) {
      // Without this a plan could rewrite a beat of another session.
      if (!sessionBeatIds.has(update.beatId)) {
        throw new DbError('BEAT_NOT_FOUND', `no beat ${update.beatId} in session ${sessionId}`);
      }
      await updateBeatFromScript(tx, update);
    }
    await insertBeats(tx, sessionId, plan.insert);
    return removed;
  });
}
