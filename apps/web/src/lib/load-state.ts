/** Where a page is in loading what it shows, and what a failed load leaves it in. */
import { describeError } from './errors.js';
import { reportError } from './notifications.svelte.js';

/** `missing`: the server says the thing no longer exists (a deleted session). */
export type LoadState = 'loading' | 'ready' | 'failed' | 'missing';

/** The state a failed load leaves a page in; a failure other than "not found" is reported. */
export function loadFailure(error: unknown): 'missing' | 'failed' {
  if (describeError(error).kind === 'not-found') return 'missing';
  reportError(error);
  return 'failed';
}
