import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { domainCodeOf } from '../../src/errors.js';

/** Awaits a call that must fail with this tRPC code (and, when given, this domain code). */
export async function expectError(
  call: Promise<unknown>,
  code: TRPCError['code'],
  domainCode?: string,
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
