/**
 * Changes to a session's state, and the events that tell every open browser about them: the one
 * module that publishes on the bus. What it publishes is what was committed, never what a caller
 * assumed; and reads of the whole session are coalesced per session, so a burst of finished
 * beats costs a few reads, not one each.
 */
import {
  getBeatsWithTakes,
  getSessionOutline,
  getSessionTally,
  setSessionBudget,
  setSessionError,
  setSessionStatus,
  type BeatRow,
  type ErrorInfo,
  type ExportRow,
  type SessionRow,
  type SessionStatus,
  type StudioDb,
  type TakeRow,
} from '@studio/db';
import { statusAfterReview } from '../sessions/review-status.js';
import {
  beatReview,
  beatState,
  exportView,
  progressOf,
  reviewInputOf,
  reviewInputsOf,
  takeReview,
  takeView,
  type ExportView,
  type ReviewInput,
} from '../sessions/views.js';
import type { EventBus } from './bus.js';
import type { StudioEvent } from './types.js';

/** A session as the review rules read it: its row, and every beat's review input. */
export interface SessionReviewState extends Omit<SessionRow, 'sourceEls'> {
  beats: ReviewInput[];
}

export interface SessionState {
  /** Sets the session's status. */
  changeStatus(sessionId: string, status: SessionStatus): Promise<SessionRow>;
  /** Sets (or, with `null`, lifts) the session's credit budget. */
  changeBudget(sessionId: string, credits: number | null): Promise<SessionRow>;
  /** Records (or, with `null`, clears) a failure that concerns the whole session. */
  changeError(sessionId: string, error: ErrorInfo | null): Promise<SessionRow>;
  /**
   * One beat row just committed, published without reading the session back: the whole news of a
   * claim (which only moves a beat from queued to generating), or the first news of a selection.
   * The next `beatsChanged` brings every review and count up to date.
   */
  beatChanged(beat: BeatRow): void;
  /**
   * Beats changed status, selection or review: reads the session back, moves its status by the
   * review rule (`statusAfterReview`; `decided` when a reviewer just decided or selected), and
   * publishes those beats' states and reviews (every beat's when omitted) and the progress.
   * Resolves to the session as read.
   */
  beatsChanged(
    sessionId: string,
    beatIds?: readonly string[],
    change?: { decided?: boolean },
  ): Promise<SessionReviewState>;
  /**
   * A take was added to a beat, or its QC changed (`qc.rerun`): browsers add or replace it. Given
   * with the beat's text and selection as committed with the take.
   */
  takeAdded(take: TakeRow, beat: Pick<BeatRow, 'sessionId' | 'text' | 'selectedTakeId'>): void;
  /** Beats were added, removed or rewritten (a re-import): browsers fetch the session again. */
  scriptChanged(sessionId: string): Promise<SessionReviewState>;
  /** An export run was recorded or settled. Returns its API view. */
  exportChanged(row: ExportRow): ExportView;
}

export function createSessionState({
  db,
  bus,
}: {
  db: StudioDb;
  bus: Pick<EventBus<StudioEvent>, 'publish'>;
}): SessionState {
  const publishSession = (session: SessionRow): SessionRow => {
    bus.publish(session.id, {
      type: 'session',
      status: session.status,
      lastError: session.lastError ?? null,
      budgetCredits: session.budgetCredits,
    });
    return session;
  };

  async function publishBeats(
    sessionId: string,
    beatIds: ReadonlySet<string> | null,
    decided: boolean,
  ): Promise<SessionReviewState> {
    // Tallied, not listed: a selection in a session of thousands of beats reads a few rows.
    const { tally, ...row } = await getSessionTally(db, sessionId);
    let session: SessionReviewState = { ...row, beats: reviewInputsOf(tally) };
    const status = statusAfterReview(session.status, session.beats, { decided });
    const moved = status === session.status ? null : await setSessionStatus(db, sessionId, status);
    if (moved) {
      const { sourceEls: _script, ...row } = moved;
      session = { ...session, ...row };
    }
    // The changed beats' takes, for their reviews (every beat's when all changed).
    const ids = beatIds
      ? [...beatIds]
      : (await getSessionOutline(db, sessionId)).beats.map((beat) => beat.id);
    const changed = await getBeatsWithTakes(db, sessionId, ids);
    for (const beat of changed) {
      bus.publish(sessionId, { type: 'beat', beat: beatState(beat) });
      bus.publish(sessionId, {
        type: 'review',
        beatId: beat.id,
        review: beatReview(reviewInputOf(beat)),
        takes: Object.fromEntries(beat.takes.map((take) => [take.id, takeReview(take)])),
      });
    }
    // After the beats: what a browser sees first is the change someone just made.
    if (moved) publishSession(moved);
    bus.publish(sessionId, {
      type: 'progress',
      progress: progressOf(session.beats),
      charactersSpent: session.charactersSpent,
    });
    return session;
  }

  /** Per session: the read in progress, and the next one, gathering requests until it starts. */
  const reading = new Map<string, Promise<unknown>>();
  const next = new Map<
    string,
    { beatIds: Set<string> | null; decided: boolean; result: Promise<SessionReviewState> }
  >();

  function beatsChanged(
    sessionId: string,
    beatIds?: readonly string[],
    change: { decided?: boolean } = {},
  ): Promise<SessionReviewState> {
    const decided = change.decided ?? false;
    const gathering = next.get(sessionId);
    if (gathering) {
      if (gathering.beatIds && beatIds) for (const id of beatIds) gathering.beatIds.add(id);
      else gathering.beatIds = null;
      gathering.decided ||= decided;
      return gathering.result;
    }
    const entry = {
      beatIds: beatIds ? new Set(beatIds) : null,
      decided,
      result: (reading.get(sessionId) ?? Promise.resolve())
        .catch(() => {})
        .then(() => {
          next.delete(sessionId);
          const read = publishBeats(sessionId, entry.beatIds, entry.decided);
          reading.set(sessionId, read);
          void read
            .catch(() => {})
            .then(() => {
              if (reading.get(sessionId) === read) reading.delete(sessionId);
            });
          return read;
        }),
    };
    next.set(sessionId, entry);
    return entry.result;
  }

  return {
    changeStatus: async (sessionId, status) =>
      publishSession(await setSessionStatus(db, sessionId, status)),
    changeBudget: async (sessionId, credits) =>
      publishSession(await setSessionBudget(db, sessionId, credits)),
    changeError: async (sessionId, error) =>
      publishSession(await setSessionError(db, sessionId, error)),
    beatChanged(beat) {
      bus.publish(beat.sessionId, { type: 'beat', beat: beatState(beat) });
    },
    beatsChanged,
    takeAdded(take, beat) {
      bus.publish(beat.sessionId, { type: 'take', take: takeView(take, beat) });
    },

    scriptChanged(sessionId) {
      bus.publish(sessionId, { type: 'script' });
      return beatsChanged(sessionId);
    },
    exportChanged(row) {
      const view = exportView(row);
      bus.publish(row.sessionId, { type: 'export', export: view });
      return view;
    },
  };
}
