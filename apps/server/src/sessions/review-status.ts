/**
 * The session status review decides. `approved` when every beat's selected take is approved;
 * `in_review` once a reviewer decides (or selects) without that being so, and when an approved
 * session stops being so (a re-import, a new selection, a rejection). Generation owns `draft` and
 * `generating`; an export's `exported` stands until the next decision.
 */
import type { SessionStatus } from '@studio/db';
import { beatReview } from './views.js';

type Beats = Parameters<typeof beatReview>[0][];

export function statusAfterReview(
  status: SessionStatus,
  beats: Readonly<Beats>,
  change: { decided?: boolean } = {},
): SessionStatus {
  if (status === 'draft' || status === 'generating') return status;
  const decided = change.decided ?? false;
  if (status === 'exported' && !decided) return status;
  if (beats.length > 0 && beats.every((beat) => beatReview(beat) === 'approved')) return 'approved';
  return status === 'approved' || decided ? 'in_review' : status;
}
