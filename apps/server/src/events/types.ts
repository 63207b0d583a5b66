/** What `events.session` streams to every open browser of a session. */
import type { ErrorInfo, SessionStatus } from '@studio/db';
import type {
  BeatReview,
  BeatState,
  ExportView,
  Progress,
  TakeReview,
  TakeView,
} from '../sessions/views.js';

export type StudioEvent =
  /** A beat's status, error or selection changed. */
  | { type: 'beat'; beat: BeatState }
  | { type: 'take'; take: TakeView }
  /** A beat's decisions or notes (or its selection, which decides its review) changed. */
  | { type: 'review'; beatId: string; review: BeatReview; takes: Record<string, TakeReview> }
  | { type: 'progress'; progress: Progress; charactersSpent: number }
  | {
      type: 'session';
      status: SessionStatus;
      lastError: ErrorInfo | null;
      budgetCredits: number | null;
    }
  /** Beats were added, removed or rewritten (a re-import): fetch the session again. */
  | { type: 'script' }
  | { type: 'export'; export: ExportView }
  /** Events were missed (a restart, a long disconnection): fetch the session again. */
  | { type: 'resync' };
