import { TRPCClientError } from '@trpc/client';
import type { ApiErrorData } from '@studio/server';
import { describe, expect, it } from 'vitest';
import { CliError, toCliError } from '../src/errors.js';

/** An error as the server's formatter sends it, decoded by the client. */
function serverError(
  data: Pick<ApiErrorData, 'code' | 'httpStatus'> & Partial<ApiErrorData>,
  message = 'refused',
) {
  const full: ApiErrorData = { path: 'x', domainCode: null, zod: null, diagnostics: null, ...data };
  return TRPCClientError.from({ error: { code: -32600, message, data: full } });
}

describe('toCliError', () => {
  it('asks for the token on 401', () => {
    expect(toCliError(serverError({ code: 'UNAUTHORIZED', httpStatus: 401 })).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('carries the diagnostics of a refused script', () => {
    const diagnostics: ApiErrorData['diagnostics'] = [
      {
        severity: 'error',
        code: 'pace/unknown',
        message: 'Unknown pace',
        line: 5,
        column: 8,
        endLine: 5,
        endColumn: 12,
      },
    ];
    const error = toCliError(
      serverError({
        code: 'BAD_REQUEST',
        httpStatus: 400,
        domainCode: 'INVALID_SCRIPT',
        diagnostics,
      }),
    );
    expect(error).toMatchObject({ code: 'INVALID_SCRIPT', details: diagnostics });
  });

  it('names bad input, whether zod or a domain code refused it', () => {
    const zod = { formErrors: [], fieldErrors: { stability: ['Too big'] } };
    const fromZod = toCliError(serverError({ code: 'BAD_REQUEST', httpStatus: 400, zod }));
    expect(fromZod).toMatchObject({ code: 'INVALID_INPUT', details: zod });
    expect(fromZod.message).toContain('stability');
    for (const domainCode of ['INVALID_SETTINGS', 'INVALID_INPUT', 'PAYLOAD_TOO_LARGE'] as const) {
      expect(
        toCliError(serverError({ code: 'BAD_REQUEST', httpStatus: 400, domainCode })).code,
      ).toBe('INVALID_INPUT');
    }
  });

  it('maps any not-found to NOT_FOUND', () => {
    const error = serverError({
      code: 'NOT_FOUND',
      httpStatus: 404,
      domainCode: 'EXPORT_NOT_FOUND',
    });
    expect(toCliError(error).code).toBe('NOT_FOUND');
  });

  it('tells an ambiguous session prefix apart from an unknown one', () => {
    const ambiguous = serverError(
      { code: 'BAD_REQUEST', httpStatus: 400, domainCode: 'AMBIGUOUS_SESSION' },
      'Session "3f" matches 2 sessions: 3f00…, 3f11…; give more of its id.',
    );
    expect(toCliError(ambiguous).code).toBe('AMBIGUOUS');
    for (const domainCode of ['SESSION_NOT_FOUND', 'BEAT_NOT_FOUND', 'TAKE_NOT_FOUND'] as const) {
      expect(toCliError(serverError({ code: 'NOT_FOUND', httpStatus: 404, domainCode })).code).toBe(
        'NOT_FOUND',
      );
    }
  });

  it('adds what to do next to a refused export', () => {
    const error = toCliError(
      serverError(
        { code: 'PRECONDITION_FAILED', httpStatus: 412, domainCode: 'MISSING_TAKES' },
        'No selected take for 02_boomer',
      ),
    );
    expect(error.code).toBe('API_ERROR');
    expect(error.message).toContain('No selected take for 02_boomer');
    expect(error.message).toContain('--partial');
  });

  it('passes a CliError through and wraps anything else', () => {
    const usage = new CliError('USAGE', 'bad');
    expect(toCliError(usage)).toBe(usage);
    expect(toCliError(new Error('boom'))).toMatchObject({ code: 'API_ERROR', message: 'boom' });
    expect(toCliError(TRPCClientError.from(new TypeError('fetch failed'))).code).toBe(
      'SERVER_UNREACHABLE',
    );
  });
});
