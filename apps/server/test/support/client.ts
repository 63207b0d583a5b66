/** The typed tRPC client over real HTTP, as the web app and the CLI use it. */
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import { expect } from 'vitest';
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
        false: httpBatchLink({ url, transformer: superjson, headers }),
      }),
    ],
  });
}

/** Awaits a call that must fail over HTTP; returns the error's `data` for further checks. */
export async function expectClientError(
  call: Promise<unknown>,
  code: string,
  domainCode?: string,
) {
  const error = await call.then(
    () => {
      throw new Error(`expected ${code}, the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const data = (error as TRPCClientError<AppRouter>).data!;
  expect(data.code).toBe(code);
  if (domainCode !== undefined) expect(data.domainCode).toBe(domainCode);
  return data;
}
