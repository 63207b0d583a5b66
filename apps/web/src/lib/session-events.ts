/**
 * Applying the live events of `events.session` to the session on screen. Pure (it mutates the
 * object it is given, which in the app is a `$state` proxy): tested in session-events.test.ts.
 */
import type { StudioEvent } from './api.js';
import {
  isLoaded,
  setSelectedDuration,
  setSelection,
  type ReviewSession,
} from './session-outline.js';

export type EventOutcome =
  /** Applied in place. */
  | 'applied'
  /** The event says the page's copy is no longer trustworthy: fetch the session again. */
  | 'reload'
  /** The beat's selection moved to a take the page has not loaded: fetch that beat. */
  | 'load-beat'
  /** Not about the beats (exports): the caller may use it. */
  | 'ignored';

type Session = Pick<
  ReviewSession,
  'status' | 'lastError' | 'charactersSpent' | 'budgetCredits' | 'progress' | 'beats' | 'durationMs'
>;

export function applyEvent(
  session: Session,
  event: StudioEvent | 'resync',
  /** Finds a beat by id (the page keeps an index; a scan by default). */
  find: (id: string) => Session['beats'][number] | undefined = (id) =>
    session.beats.find((b) => b.id === id),
): EventOutcome {
  if (event === 'resync') return 'reload';
  switch (event.type) {
    case 'beat': {
      const beat = find(event.beat.id);
      if (!beat) return 'reload';
      beat.status = event.beat.status;
      beat.error = event.beat.error;
      beat.staleReason = event.beat.staleReason;
      if (beat.selectedTakeId !== event.beat.selectedTakeId) {
        if (!setSelection(session, beat, event.beat.selectedTakeId)) return 'load-beat';
      }
      return 'applied';
    }
    case 'take': {
      const beat = find(event.take.beatId);
      if (!beat) return 'reload';
      const selected = event.take.id === beat.selectedTakeId;
      if (selected) setSelectedDuration(session, beat, event.take.durationMs);
      if (!isLoaded(beat)) {
        // Counted once, also when a reconnection replays the event.
        beat.heardTakes ??= {};
        if (!(event.take.id in beat.heardTakes)) beat.takeCount++;
        beat.heardTakes[event.take.id] = event.take.durationMs;
        return 'applied';
      }
      const index = beat.takes.findIndex((t) => t.id === event.take.id);
      const take = { ...event.take, selected };
      if (index >= 0) beat.takes[index] = take;
      else beat.takes.push(take);
      beat.takeCount = beat.takes.length;
      return 'applied';
    }
    case 'review': {
      const beat = find(event.beatId);
      if (!beat) return 'reload';
      beat.review = event.review;
      for (const take of beat.takes ?? []) {
        const review = event.takes[take.id];
        if (!review) continue;
        take.decision = review.decision;
        take.notes = review.notes;
      }
      return 'applied';
    }
    case 'progress':
      session.progress = event.progress;
      session.charactersSpent = event.charactersSpent;
      return 'applied';
    case 'session':
      session.status = event.status;
      session.lastError = event.lastError;
      session.budgetCredits = event.budgetCredits;
      return 'applied';
    case 'script':
    case 'resync':
      return 'reload';
    case 'export':
      return 'ignored';
  }
  return 'ignored';
}
