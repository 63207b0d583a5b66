/** The typed tRPC client over real HTTP, as the web app and the CLI use it. */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import { MAX_BATCH_CALLS } from '../../src/http/server.js';
import type { AppRouter } from '../../src/router/index.js';

export type StudioClient = ReturnType<typeof createStudioClient>;

export function createStudioClient(baseUrl: string, token?: string) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const url = `${baseUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init?.headers, ...headers } }),
          },
        }),
        // Like the web app and the CLI: the server refuses batches of more calls.
        false: httpBatchLink({ url, transformer: superjson, headers, maxItems: MAX_BATCH_CALLS }),
      }),
    ],
  });
}
