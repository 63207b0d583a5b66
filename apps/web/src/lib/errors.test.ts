import { TRPCClientError } from '@trpc/client';
import type { ApiErrorData, DomainErrorCode } from '@studio/server';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors.js';

/** An error as the server's formatter sends it (`ApiErrorData`), decoded by the client. */
function serverError(
  data: Pick<ApiErrorData, 'code' | 'httpStatus'> & Partial<ApiErrorData>,
  message: string,
) {
  const full: ApiErrorData = { path: 'x', domainCode: null, zod: null, diagnostics: null, ...data };
  return TRPCClientError.from({ error: { code: -32600, message, data: full } });
}

describe('describeError', () => {
  it('lists zod field errors from the error formatter', () => {
    const e = serverError(
      {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        zod: { formErrors: [], fieldErrors: { title: ['Too long'], stability: ['Too big'] } },
      },
      JSON.stringify([{ path: ['title'], message: 'Too long' }]),
    );
    const d = describeError(e);
    expect(d.kind).toBe('validation');
    expect(d.code).toBe('BAD_REQUEST');
    expect(d.fields).toEqual([
      { field: 'title', message: 'Too long' },
      { field: 'stability', message: 'Too big' },
    ]);
    // The zod dump in the message is not shown as the title.
    expect(d.title).not.toContain('[');
  });

  it('uses the domain code when the server sends one, keeping its message as detail', () => {
    const e = serverError(
      { code: 'NOT_FOUND', httpStatus: 404, domainCode: 'SESSION_NOT_FOUND' },
      'Session 42 not found',
    );
    const d = describeError(e);
    expect(d.code).toBe('SESSION_NOT_FOUND');
    expect(d.kind).toBe('not-found');
    expect(d.title).not.toBe('Session 42 not found');
    expect(d.detail).toBe('Session 42 not found');
  });

  it.each([
    ['NO_TAKES', 'PRECONDITION_FAILED', 412, 'conflict'],
    ['MISSING_TAKES', 'PRECONDITION_FAILED', 412, 'conflict'],
    ['missing_profile', 'PRECONDITION_FAILED', 412, 'conflict'],
    ['auth', 'BAD_GATEWAY', 502, 'server'],
    ['quota_exceeded', 'BAD_GATEWAY', 502, 'server'],
    ['rate_limited', 'TOO_MANY_REQUESTS', 429, 'rate-limit'],
    ['REMOVALS_NOT_CONFIRMED', 'CONFLICT', 409, 'conflict'],
    ['PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE', 413, 'validation'],
  ] as const)('has its own message for %s', (domainCode, code, httpStatus, kind) => {
    const raw = `raw ${domainCode} message`;
    const d = describeError(serverError({ code, httpStatus, domainCode }, raw));
    expect(d).toMatchObject({ code: domainCode, kind, detail: raw });
    expect(d.title).not.toBe(raw);
  });

  it('keeps a readable server message for a code this page does not know', () => {
    const e = serverError(
      {
        code: 'CONFLICT',
        httpStatus: 409,
        // As a newer server than this page might send.
        domainCode: 'SOMETHING_NEW' as DomainErrorCode,
      },
      'Generation already running',
    );
    const d = describeError(e);
    expect(d.kind).toBe('conflict');
    expect(d.title).toBe('Generation already running');
    expect(d.code).toBe('SOMETHING_NEW');
  });

  it('lists the script errors sent with INVALID_SCRIPT', () => {
    const at = { endLine: 9, endColumn: 13 };
    const e = serverError(
      {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        domainCode: 'INVALID_SCRIPT',
        diagnostics: [
          {
            severity: 'error',
            code: 'pace/unknown',
            message: 'Unknown pace',
            line: 9,
            column: 8,
            ...at,
          },
          {
            severity: 'warning',
            code: 'meta/missing-title',
            message: 'No title',
            line: 1,
            column: 1,
            ...at,
          },
        ],
      },
      'The script has 1 error',
    );
    const d = describeError(e);
    expect(d.code).toBe('INVALID_SCRIPT');
    expect(d.fields).toEqual([{ field: '9:8', message: 'Unknown pace' }]);
  });

  it('recognises 401 as a request for the token', () => {
    const e = serverError({ code: 'UNAUTHORIZED', httpStatus: 401 }, 'Missing token');
    expect(describeError(e).kind).toBe('auth');
    const bare = new TRPCClientError('Unexpected token', { meta: { response: { status: 401 } } });
    expect(describeError(bare).kind).toBe('auth');
  });

  it('explains network failures', () => {
    const e = TRPCClientError.from(new TypeError('Failed to fetch'));
    const d = describeError(e);
    expect(d.kind).toBe('network');
    expect(d.code).toBeUndefined();
  });

  it('handles plain errors and strings', () => {
    expect(describeError(new Error('Disk full'))).toMatchObject({
      kind: 'unknown',
      title: 'Disk full',
    });
    expect(describeError(new TypeError('fetch failed')).kind).toBe('network');
    expect(describeError('nope').title).toBe('nope');
    expect(describeError(undefined).kind).toBe('unknown');
  });
});
