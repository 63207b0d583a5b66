/** Following a session's generation live on the status line, and judging how it ended. */
import type { CommandContext } from './commands/context.js';
import { CliError } from './errors.js';
import { formatProgress } from './progress.js';
import type { SessionView } from './resolve.js';
import { waitForSession } from './wait-for-session.js';

/** Follows generation live until it settles; the session as it ended. */
export async function waitWithProgress(
  { client, out }: CommandContext,
  sessionId: string,
): Promise<SessionView> {
  const started = Date.now();
  const session = await waitForSession(client, sessionId, {
    onProgress: (s) =>
      out.status(
        formatProgress({
          done: s.progress.ready,
          failed: s.progress.failed,
          total: s.progress.total,
          charactersSpent: s.charactersSpent,
          elapsedMs: Date.now() - started,
        }),
      ),
  });
  out.endStatus();
  return session;
}

export function assertAllReady(session: SessionView): void {
  const notReady = session.beats.filter((beat) => beat.status !== 'ready');
  if (notReady.length > 0) {
    throw new CliError(
      'GENERATION_INCOMPLETE',
      `${notReady.length} beat(s) not ready: ${notReady
        .map((beat) => `${beat.beatKey} (${beat.error?.code ?? beat.status})`)
        .join(', ')}`,
      { session },
    );
  }
}
