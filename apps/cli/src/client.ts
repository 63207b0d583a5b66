/** The typed studio client: queries and mutations over HTTP, live events over SSE. */
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import type { AppRouter } from '@studio/server';
import { EventSource } from 'eventsource';
import superjson from 'superjson';

export type StudioClient = TRPCClient<AppRouter>;

export interface Connection {
  /** The studio's base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  token: string | undefined;
}

export function authHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

export function createStudioClient({ url, token }: Connection): StudioClient {
  const endpoint = new URL('/trpc', url).toString();
  const headers = authHeaders(token);
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: endpoint,
          transformer: superjson,
          // Node 20 has no EventSource; eventsource@4 lets us send the token as a header.
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        // The server refuses batches of more calls (MAX_BATCH_CALLS).
        false: httpBatchLink({ url: endpoint, transformer: superjson, headers, maxItems: 20 }),
      }),
    ],
  });
}
