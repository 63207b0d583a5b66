/**
 * Pure helpers for review decisions on the session page: the reasons a take is rejected, the
 * filters, the take the keys act on, "next unreviewed", the rejection the Revise panel answers.
 * Typed structurally so they can be tested without a server (review-model.test.ts).
 */
import type { RejectionReason } from './api.js';

/** The fixed list, in the order the picker shows it (a type-check fails if the server's moves). */
export const REJECTION_REASONS = {
  mispronounced: 'Mispronounced',
  wrong_emphasis: 'Wrong emphasis',
  wrong_tone: 'Wrong tone',
  pacing: 'Pacing',
  glitch: 'Glitch',
  wrong_words: 'Wrong words',
  level: 'Level',
  other: 'Other',
} satisfies Record<RejectionReason, string>;

export const reasonLabel = (reason: string | null): string =>
  reason === null ? '' : (REJECTION_REASONS[reason as RejectionReason] ?? reason);

export type ReviewFilter = 'all' | 'needs-review' | 'rejected' | 'approved';

export const REVIEW_FILTERS: readonly { value: ReviewFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'needs-review', label: 'Needs review' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'approved', label: 'Approved' },
];

export interface NoteLike {
  id: string;
  text: string;
  atMs: number | null;
  author: string;
  resolved: boolean;
}

export interface ReviewedTakeLike {
  id: string;
  decision: {
    decision: 'approved' | 'rejected';
    reason: string | null;
    noteId: string | null;
  } | null;
  notes: NoteLike[];
}

export interface ReviewedBeatLike {
  review: 'approved' | 'needs_fix' | 'unreviewed';
  selectedTakeId: string | null;
  takes: ReviewedTakeLike[];
}

/** A beat on the review page: its takes are absent until its row has been on screen. */
type ListedBeat = Omit<ReviewedBeatLike, 'takes'> & {
  takes?: readonly ReviewedTakeLike[] | undefined;
};

/**
 * - needs review: not approved, and some take nobody has decided on yet (something to hear);
 * - rejected: the selected take is rejected (or outdated): the beat needs a fix;
 * - approved: the selected take is approved.
 */
export function matchesFilter(beat: ListedBeat, filter: ReviewFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'needs-review':
      // Before its takes are loaded, the selected take's decision is all that is known.
      return (
        beat.review !== 'approved' &&
        (beat.takes?.some((take) => take.decision === null) ?? beat.review === 'unreviewed')
      );
    case 'rejected':
      return beat.review === 'needs_fix';
    case 'approved':
      return beat.review === 'approved';
  }
}

/** The next beat after `from` (wrapping around) that needs review, or null when none does. */
export function nextUnreviewed(beats: readonly ListedBeat[], from: number | null): number | null {
  const start = from ?? -1;
  for (let step = 1; step <= beats.length; step++) {
    const index = (start + step + beats.length) % beats.length;
    if (matchesFilter(beats[index]!, 'needs-review')) return index;
  }
  return null;
}

/**
 * The take `a`, `x` and `n` act on: the one playing in this beat, else the newest take nobody
 * decided on, else the selected one, else the newest.
 */
export function reviewTarget<T extends ReviewedTakeLike>(
  beat: { selectedTakeId: string | null; takes: T[] },
  playingTakeId: string | null,
): T | null {
  const { takes } = beat;
  return (
    takes.find((take) => take.id === playingTakeId) ??
    takes.findLast((take) => take.decision === null) ??
    takes.find((take) => take.id === beat.selectedTakeId) ??
    takes.at(-1) ??
    null
  );
}

export interface Rejection {
  /** 1-based number of the rejected take within its beat. */
  takeNumber: number;
  reason: string;
  note: NoteLike | null;
}

/** What the Revise panel answers: the selected take's rejection, else the newest one's. */
export function rejectionToAnswer(beat: {
  selectedTakeId: string | null;
  takes: readonly ReviewedTakeLike[];
}): Rejection | null {
  const rejected = (take: ReviewedTakeLike | undefined) => take?.decision?.decision === 'rejected';
  const selected = beat.takes.findIndex((take) => take.id === beat.selectedTakeId);
  let index = rejected(beat.takes[selected]) ? selected : -1;
  if (index < 0) index = beat.takes.findLastIndex((take) => rejected(take));
  const take = beat.takes[index];
  if (!take?.decision?.reason) return null;
  const noteId = take.decision.noteId;
  return {
    takeNumber: index + 1,
    reason: take.decision.reason,
    note: take.notes.find((note) => note.id === noteId) ?? null,
  };
}

/** Notes pinned at a time, as waveform markers (resolved ones are kept off the waveform). */
export function markersOf(
  notes: readonly NoteLike[],
): { id: string; atMs: number; text: string }[] {
  return notes.flatMap((note) =>
    note.atMs === null || note.resolved ? [] : [{ id: note.id, atMs: note.atMs, text: note.text }],
  );
}
