/** Errors the CLI reports: a code scripts can match, and the exit status it maps to. */
import { isTRPCClientError } from '@trpc/client';
import type { ApiErrorData, AppRouter, DomainErrorCode } from '@studio/server';

export type CliErrorCode =
  | 'USAGE'
  | 'FILE_UNREADABLE'
  | 'NOT_FOUND'
  | 'AMBIGUOUS'
  | 'SERVER_UNREACHABLE'
  | 'SERVER_START_FAILED'
  | 'UNAUTHORIZED'
  | 'INVALID_SCRIPT'
  | 'GENERATION_INCOMPLETE'
  | 'DOWNLOAD_FAILED'
  | 'INVALID_INPUT'
  | 'API_ERROR';

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** Extra data printed with `--json` (e.g. the script's diagnostics). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CliError';
  }

  /** Usage errors exit 2, everything else 1. */
  get exitCode(): number {
    return this.code === 'USAGE' ? 2 : 1;
  }
}

/** One problem of a refused script, as the server sends it with `INVALID_SCRIPT`. */
export type ScriptDiagnostic = NonNullable<ApiErrorData['diagnostics']>[number];

/** Domain errors a script may want to tell apart get a CLI code of their own. */
const cliCodes = {
  INVALID_SCRIPT: 'INVALID_SCRIPT',
  INVALID_INPUT: 'INVALID_INPUT',
  INVALID_SETTINGS: 'INVALID_INPUT',
  PAYLOAD_TOO_LARGE: 'INVALID_INPUT',
  AMBIGUOUS_SESSION: 'AMBIGUOUS',
  SESSION_NOT_FOUND: 'NOT_FOUND',
  BEAT_NOT_FOUND: 'NOT_FOUND',
  TAKE_NOT_FOUND: 'NOT_FOUND',
  LEXICON_ENTRY_NOT_FOUND: 'NOT_FOUND',
  NOTE_NOT_FOUND: 'NOT_FOUND',
} satisfies Partial<Record<DomainErrorCode, CliErrorCode>>;

/** What to do next, for refusals a command can meet (generation failures are on the beats). */
const hints = {
  MISSING_TAKES: 'select a take for each, or pass --partial to export without them',
  NO_TAKES: 'voice the session and select takes first',
  FLAGGED_TAKES:
    'listen and select other takes (`studio qc <session>` lists them), or pass --allow-flagged',
} satisfies Partial<Record<DomainErrorCode, string>>;

function lookup<T>(map: Partial<Record<DomainErrorCode, T>>, code: DomainErrorCode | null) {
  return code === null ? undefined : map[code];
}

/** The server flattens zod errors per field: one `field: problem` per line. */
function describeZod(zod: NonNullable<ApiErrorData['zod']>): string {
  const fields = Object.entries(zod.fieldErrors).map(
    ([field, problems]) => `${field}: ${problems.join('; ')}`,
  );
  return [...zod.formErrors, ...fields].join('\n');
}

/** Turns whatever a command threw into a `CliError` with a code. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (isTRPCClientError<AppRouter>(error)) {
    const data = error.data;
    if (data?.httpStatus === 401 || data?.code === 'UNAUTHORIZED') {
      return new CliError(
        'UNAUTHORIZED',
        'The studio needs a token: set STUDIO_TOKEN or pass --token.',
      );
    }
    const domainCode = data?.domainCode ?? null;
    const cliCode = lookup<CliErrorCode>(cliCodes, domainCode);
    if (cliCode === 'INVALID_SCRIPT') {
      return new CliError('INVALID_SCRIPT', error.message, data?.diagnostics);
    }
    if (data?.zod) return new CliError('INVALID_INPUT', describeZod(data.zod), data.zod);
    if (cliCode) return new CliError(cliCode, error.message, data);
    if (data?.code === 'NOT_FOUND') return new CliError('NOT_FOUND', error.message);
    const cause = error.cause as { code?: string } | undefined;
    if (error.message === 'fetch failed' || cause?.code === 'ECONNREFUSED') {
      return new CliError('SERVER_UNREACHABLE', `Cannot reach the studio: ${error.message}`);
    }
    const hint = lookup(hints, domainCode);
    return new CliError('API_ERROR', hint ? `${error.message} (${hint})` : error.message, data);
  }
  return new CliError('API_ERROR', error instanceof Error ? error.message : String(error));
}
