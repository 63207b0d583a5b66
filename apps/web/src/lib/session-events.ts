/**
 * Applying the live events of `events.session` to the session on screen. Pure (it mutates the
 * object it is given, which in the app is a `$state` proxy): tested in session-events.test.ts.
 */
import type { SessionView, StudioEvent } from './api.js';

export type EventOutcome =
  /** Applied in place. */
  | 'applied'
  /** The event says the page's copy is no longer trustworthy: fetch the session again. */
  | 'reload'
  /** Not about the beats (exports): the caller may use it. */
  | 'ignored';

type Session = Pick<
  SessionView,
  'status' | 'lastError' | 'charactersSpent' | 'budgetCredits' | 'progress' | 'beats'
>;

export function applyEvent(session: Session, event: StudioEvent | 'resync'): EventOutcome {
  if (event === 'resync') return 'reload';
  switch (event.type) {
    case 'beat': {
      const beat = session.beats.find((b) => b.id === event.beat.id);
      if (!beat) return 'reload';
      beat.status = event.beat.status;
      beat.error = event.beat.error;
      beat.staleReason = event.beat.staleReason;
      if (beat.selectedTakeId !== event.beat.selectedTakeId) {
        beat.selectedTakeId = event.beat.selectedTakeId;
        for (const take of beat.takes) take.selected = take.id === beat.selectedTakeId;
      }
      return 'applied';
    }
    case 'take': {
      const beat = session.beats.find((b) => b.id === event.take.beatId);
      if (!beat) return 'reload';
      const index = beat.takes.findIndex((t) => t.id === event.take.id);
      const take = { ...event.take, selected: event.take.id === beat.selectedTakeId };
      if (index >= 0) beat.takes[index] = take;
      else beat.takes.push(take);
      return 'applied';
    }
    case 'review': {
      const beat = session.beats.find((b) => b.id === event.beatId);
      if (!beat) return 'reload';
      beat.review = event.review;
      for (const take of beat.takes) {
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
