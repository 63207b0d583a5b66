import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors.js';

function serverError(data: Record<string, unknown>, message: string) {
  return TRPCClientError.from({ error: { code: -32600, message, data } });
}

describe('describeError', () => {
  it('lists zod field errors from the error formatter', () => {
    const e = serverError(
      {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        zod: { formErrors: [], fieldErrors: { title: ['Too long'], stability: ['Too big'] } },
      },
      'Input validation failed',
    );
    const d = describeError(e);
    expect(d.kind).toBe('validation');
    expect(d.code).toBe('BAD_REQUEST');
    expect(d.fields).toEqual([
      { field: 'title', message: 'Too long' },
      { field: 'stability', message: 'Too big' },
    ]);
  });

  it('turns a raw zod issue dump in the message into fields', () => {
    const e = serverError(
      { code: 'BAD_REQUEST', httpStatus: 400 },
      JSON.stringify([{ path: ['speed'], message: 'Too small: expected number to be >=0.7' }]),
    );
    const d = describeError(e);
    expect(d.title).toBe('Some values were not accepted.');
    expect(d.fields).toEqual([
      { field: 'speed', message: 'Too small: expected number to be >=0.7' },
    ]);
  });

  it('uses the domain code when the server sends one', () => {
    const e = serverError(
      { code: 'NOT_FOUND', httpStatus: 404, domainCode: 'SESSION_NOT_FOUND' },
      'Session 42 not found',
    );
    const d = describeError(e);
    expect(d.code).toBe('SESSION_NOT_FOUND');
    expect(d.kind).toBe('not-found');
    expect(d.title).toBe('That session no longer exists.');
    expect(d.detail).toBe('Session 42 not found');
  });

  it('keeps a readable server message for unknown domain codes', () => {
    const e = serverError(
      { code: 'CONFLICT', httpStatus: 409, domainCode: 'SOMETHING_NEW' },
      'Generation already running',
    );
    const d = describeError(e);
    expect(d.kind).toBe('conflict');
    expect(d.title).toBe('Generation already running');
    expect(d.code).toBe('SOMETHING_NEW');
  });

  it('lists the script errors sent with INVALID_SCRIPT', () => {
    const e = serverError(
      {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        domainCode: 'INVALID_SCRIPT',
        diagnostics: [
          { severity: 'error', code: 'pace/unknown', message: 'Unknown pace', line: 9, column: 8 },
          {
            severity: 'warning',
            code: 'meta/missing-title',
            message: 'No title',
            line: 1,
            column: 1,
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
    expect(d.title).toBe('Cannot reach the studio server.');
  });

  it('handles plain errors, coded errors and strings', () => {
    expect(describeError(new Error('Disk full'))).toMatchObject({
      kind: 'unknown',
      title: 'Disk full',
    });
    const coded = Object.assign(new Error('x'), { code: 'NOTHING_TO_EXPORT' });
    expect(describeError(coded)).toMatchObject({
      code: 'NOTHING_TO_EXPORT',
      title: 'Nothing to export yet: select a take for the beats first.',
    });
    expect(describeError('nope').title).toBe('nope');
    expect(describeError(undefined).title).toBe('Something went wrong.');
  });
});
