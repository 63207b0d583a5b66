/**
 * The session status review decides: `approved` when every beat's selected take is approved, and
 * `in_review` when an approved session stops being so (a re-import, a new selection, a
 * rejection). Generation owns `draft` and `generating`, and an export's `exported` stands until
 * the next generation: review leaves those alone.
 */
import type { SessionStatus } from '@studio/db';
import { beatReview } from './views.js';

type Beats = Parameters<typeof beatReview>[0][];

export function statusAfterReview(status: SessionStatus, beats: Readonly<Beats>): SessionStatus {
  if (status === 'draft' || status === 'generating' || status === 'exported') return status;
  if (beats.length > 0 && beats.every((beat) => beatReview(beat) === 'approved')) return 'approved';
  return status === 'approved' ? 'in_review' : status;
}
