import type { z } from 'zod';

export type DbErrorCode =
  | 'SESSION_NOT_FOUND'
  | 'BEAT_NOT_FOUND'
  | 'TAKE_NOT_FOUND'
  | 'TAKE_NOT_IN_BEAT'
  | 'VOICE_NOT_FOUND'
  | 'JOB_NOT_FOUND'
  | 'EXPORT_NOT_FOUND'
  /** No lexicon entry for that word in that project. */
  | 'LEXICON_ENTRY_NOT_FOUND'
  | 'NOTE_NOT_FOUND'
  | 'DUPLICATE_BEAT'
  | 'INVALID_SETTINGS'
  | 'INVALID_INPUT'
  /** A stored row does not match its shape (a jsonb column edited by hand, or by an old writer). */
  | 'CORRUPT_ROW';

/** A domain failure of a query. Callers branch on `code`; `field` names the offending input. */
export class DbError extends Error {
  override readonly name = 'DbError';

  constructor(
    readonly code: DbErrorCode,
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Parses `value` or throws `code` naming the first offending field, before any SQL runs. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: DbErrorCode,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new DbError(code, `${field ?? 'input'}: ${issue?.message ?? 'invalid'}`, field, {
    cause: result.error,
  });
}

/**
 * Checks the jsonb columns of a row read back from the database against `columns` (a loose
 * object of their schemas) and returns the row: a malformed one fails here with CORRUPT_ROW
 * naming the column, instead of travelling on unchecked to a render or a page.
 */
export function checkRow<T extends object>(columns: z.ZodType, row: T): T {
  parseOrThrow(columns, row, 'CORRUPT_ROW');
  return row;
}

export interface PgErrorInfo {
  /** SQLSTATE, e.g. `23505` unique_violation. */
  code: string;
  constraint: string | undefined;
}

/**
 * The Postgres error behind `error`, on either driver. Drizzle wraps driver errors in
 * `DrizzleQueryError` (`cause`); postgres.js names the constraint `constraint_name`, PGlite
 * `constraint`.
 */
export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const fields = e as Error & { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) {
      const constraint = fields.constraint_name ?? fields.constraint;
      return {
        code: fields.code,
        constraint: typeof constraint === 'string' ? constraint : undefined,
      };
    }
  }
  return undefined;
}

export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_CHECK_VIOLATION = '23514';

/** Runs `work`, turning a violation of `constraint` into `DbError(code)`; other errors pass. */
export async function onConstraint<T>(
  work: () => Promise<T>,
  constraint: string,
  code: DbErrorCode,
  message: string,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorOf(error)?.constraint === constraint)
      throw new DbError(code, message, undefined, { cause: error });
    throw error;
  }
}
