/** Errors the CLI reports: a code scripts can match, and the exit status it maps to. */
import { TRPCClientError } from '@trpc/client';

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

interface ErrorData {
  code?: string;
  domainCode?: string | null;
  httpStatus?: number;
  diagnostics?: unknown;
  zod?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
}

/** The server flattens zod errors per field: one `field: problem` per line. */
function describeZod(zod: NonNullable<ErrorData['zod']>): string {
  const fields = Object.entries(zod.fieldErrors).map(
    ([field, problems]) => `${field}: ${(problems ?? []).join('; ')}`,
  );
  return [...zod.formErrors, ...fields].join('\n');
}

/** Turns whatever a command threw into a `CliError` with a code. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as ErrorData;
    if (data.httpStatus === 401 || data.code === 'UNAUTHORIZED') {
      return new CliError(
        'UNAUTHORIZED',
        'The studio needs a token: set STUDIO_TOKEN or pass --token.',
      );
    }
    if (data.domainCode === 'INVALID_SCRIPT' || data.diagnostics != null) {
      return new CliError('INVALID_SCRIPT', error.message, data.diagnostics);
    }
    if (data.zod) return new CliError('INVALID_INPUT', describeZod(data.zod), data.zod);
    if (data.code === 'NOT_FOUND') return new CliError('NOT_FOUND', error.message);
    const cause = error.cause as { code?: string } | undefined;
    if (error.message === 'fetch failed' || cause?.code === 'ECONNREFUSED') {
      return new CliError('SERVER_UNREACHABLE', `Cannot reach the studio: ${error.message}`);
    }
    return new CliError('API_ERROR', error.message, data);
  }
  return new CliError('API_ERROR', error instanceof Error ? error.message : String(error));
}
