/**
 * The review page's beats: the session's outline (every beat, lean) arrives first; a beat's
 * text and takes are merged into its entry when it comes on screen (`takes.forBeats`). Pure:
 * the entries are mutated in place (in the app, `$state` proxies) and tested in
 * session-outline.test.ts.
 */
import type { BeatView, SessionOutlineView } from './api.js';

export type BeatOutline = Pick<
  BeatView,
  | 'id'
  | 'beatKey'
  | 'number'
  | 'name'
  | 'status'
  | 'error'
  | 'staleReason'
  | 'selectedTakeId'
  | 'review'
> & {
  takeCount: number;
  /** The selected take's duration, 0 without one. */
  selectedDurationMs: number;
};

/** A beat on the review page: its outline always; its text and takes once it has been shown. */
export type ReviewBeat = BeatOutline &
  Partial<Pick<BeatView, 'position' | 'text' | 'parsed' | 'takes'>> & {
    /** Before its takes are loaded: takes announced live, id → duration. */
    heardTakes?: Record<string, number>;
  };

export type LoadedBeat = BeatOutline & BeatView;

export type ReviewSession = Omit<SessionOutlineView, 'beats'> & {
  beats: ReviewBeat[];
  /**
   * Total duration of the selected takes (the length of the master), moved with each beat's:
   * summing thousands of beats again on every event cost the page milliseconds per selection.
   */
  durationMs: number;
};

export function isLoaded(beat: ReviewBeat): beat is LoadedBeat {
  return beat.takes !== undefined;
}

/** The outline's columns as one entry per beat, in script order. */
export function reviewSession(view: SessionOutlineView): ReviewSession {
  const { beats: columns, ...session } = view;
  const beats = columns.ids.map((id, i): ReviewBeat => ({
    id,
    beatKey: columns.beatKeys[i] ?? '',
    number: columns.numbers[i] ?? i + 1,
    name: columns.names[i] ?? '',
    status: columns.statuses[i] ?? 'pending',
    error: columns.problems[id]?.error ?? null,
    staleReason: columns.problems[id]?.staleReason ?? null,
    selectedTakeId: columns.selectedTakeIds[i] ?? null,
    takeCount: columns.takeCounts[i] ?? 0,
    selectedDurationMs: columns.selectedDurationsMs[i] ?? 0,
    review: columns.reviews[i] ?? 'unreviewed',
  }));
  let durationMs = 0;
  for (const beat of beats) durationMs += beat.selectedDurationMs;
  return { ...session, beats, durationMs };
}

/** Sets the duration of a beat's selected take, and the session's total with it. */
export function setSelectedDuration(
  session: Pick<ReviewSession, 'durationMs'>,
  entry: ReviewBeat,
  durationMs: number,
): void {
  session.durationMs += durationMs - entry.selectedDurationMs;
  entry.selectedDurationMs = durationMs;
}

/** Merges a beat's full view (fresher than the outline) into its entry. */
export function loadBeat(
  session: Pick<ReviewSession, 'durationMs'>,
  entry: ReviewBeat,
  view: BeatView,
): void {
  const previous = entry.selectedDurationMs;
  Object.assign(entry, view);
  delete entry.heardTakes;
  entry.takeCount = view.takes.length;
  entry.selectedDurationMs = view.takes.find((t) => t.selected)?.durationMs ?? 0;
  session.durationMs += entry.selectedDurationMs - previous;
}

/**
 * Records a beat's selected take. Returns false when the entry cannot know the take's
 * duration (its takes are not loaded): the caller fetches the beat.
 */
export function setSelection(
  session: Pick<ReviewSession, 'durationMs'>,
  entry: ReviewBeat,
  takeId: string | null,
): boolean {
  entry.selectedTakeId = takeId;
  if (!isLoaded(entry)) {
    const heard = takeId === null ? 0 : entry.heardTakes?.[takeId];
    setSelectedDuration(session, entry, heard ?? 0);
    return heard !== undefined;
  }
  for (const take of entry.takes) take.selected = take.id === takeId;
  setSelectedDuration(session, entry, entry.takes.find((t) => t.id === takeId)?.durationMs ?? 0);
  return true;
}

/**
 * Where the server streams a take (its `/audio/<take id>` route; `audioUrl` of a take view).
 * Play all builds its queue from the outline, without every beat's takes.
 */
export function takeAudioUrl(takeId: string): string {
  return `/audio/${takeId}`;
}

/** The selected takes in script order, for "Play all". Beats without one are skipped. */
export function outlinePlaylist(
  beats: readonly ReviewBeat[],
): { beatId: string; takeId: string; url: string }[] {
  const out: { beatId: string; takeId: string; url: string }[] = [];
  for (const beat of beats) {
    if (beat.selectedTakeId === null) continue;
    const loaded = isLoaded(beat) ? beat.takes.find((t) => t.id === beat.selectedTakeId) : null;
    out.push({
      beatId: beat.id,
      takeId: beat.selectedTakeId,
      url: loaded?.audioUrl ?? takeAudioUrl(beat.selectedTakeId),
    });
  }
  return out;
}
