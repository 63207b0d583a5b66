/**
 * The typed tRPC client: the only way the web app talks to the server. Same-origin `/trpc`;
 * queries and mutations batched over HTTP, subscriptions over Server-Sent Events (the browser's
 * own EventSource). Only the *type* of the router comes from @studio/server.
 */
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@studio/server';
import { getToken } from './token.js';

function apiUrl(): string {
  return typeof location === 'undefined' ? 'http://127.0.0.1:3000/trpc' : `${location.origin}/trpc`;
}

export function createClient(url: string = apiUrl()): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          // EventSource sends the session cookie (same origin); it cannot send headers.
          eventSourceOptions: { withCredentials: true },
        }),
        false: httpBatchLink({
          url,
          transformer: superjson,
          maxURLLength: 4000,
          // The server refuses batches of more calls (MAX_BATCH_CALLS).
          maxItems: 20,
          headers: () => {
            const token = getToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });
}

export const trpc = createClient();
export type Client = typeof trpc;
