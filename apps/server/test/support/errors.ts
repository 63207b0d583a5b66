import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { domainCodeOf, type DomainErrorCode } from '../../src/errors.js';
import type { AppRouter } from '../../src/router/index.js';

/** Awaits a call that must fail with this tRPC code (and, when given, this domain code). */
export async function expectError(
  call: Promise<unknown>,
  code: TRPCError['code'],
  domainCode?: DomainErrorCode,
): Promise<TRPCError> {
  const error = await call.then(
    () => {
      throw new Error(`expected ${code}, the call succeeded`);
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code).toBe(code);
  if (domainCode !== undefined) expect(domainCodeOf(trpcError.cause)).toBe(domainCode);
  return trpcError;
}

/** Awaits a call that must fail over HTTP; returns the error's `data` for further checks. */
export async function expectClientError(
  call: Promise<unknown>,
  code: TRPCError['code'],
  domainCode?: DomainErrorCode,
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
