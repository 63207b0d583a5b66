/**
 * Waits until no beat of a session is queued or generating, following the live event stream
 * and re-reading the session whenever the stream says so (or reconnects).
 */
import type { StudioClient } from './client.js';
import type { SessionView } from './resolve.js';

const busy = new Set(['queued', 'generating']);

export interface WaitOptions {
  onProgress?: (session: SessionView) => void;
  signal?: AbortSignal;
}

export function isSettled(session: SessionView): boolean {
  return session.beats.every((beat) => !busy.has(beat.status));
}

export async function waitForSession(
  client: StudioClient,
  sessionId: string,
  { onProgress, signal }: WaitOptions = {},
): Promise<SessionView> {
  let session = await client.sessions.get.query({ sessionId });
  onProgress?.(session);
  if (isSettled(session)) return session;

  return new Promise<SessionView>((resolve, reject) => {
    let refreshing = Promise.resolve();
    const refresh = () => {
      refreshing = refreshing.then(async () => {
        session = await client.sessions.get.query({ sessionId });
        onProgress?.(session);
        if (isSettled(session)) finish();
      });
      refreshing.catch(fail);
    };
    const subscription = client.events.session.subscribe(
      { sessionId },
      {
        onStarted: refresh,
        onData: ({ data }) => {
          // Beat and progress events are frequent; one re-read per event keeps this simple and exact.
          if (data.type !== 'export') refresh();
        },
        onError: (error) => fail(error),
      },
    );
    const finish = () => {
      subscription.unsubscribe();
      resolve(session);
    };
    const fail = (error: unknown) => {
      subscription.unsubscribe();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
  });
}
