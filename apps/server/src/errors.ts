/**
 * Domain errors and how they cross the API: every error with a literal `code` from one of our
 * packages becomes a tRPC error of the matching HTTP class that keeps that code in `data`.
 */
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import {
  ExportError,
  RenderError,
  SpeechError,
  StorageError,
  type ExportErrorCode,
  type RenderErrorCode,
  type SpeechErrorCode,
  type StorageErrorCode,
} from '@studio/audio';
import { DbError, type DbErrorCode } from '@studio/db';
import type { Diagnostic } from '@studio/els';

export type StudioErrorCode =
  | 'INVALID_SCRIPT'
  | 'PAYLOAD_TOO_LARGE'
  | 'REMOVALS_NOT_CONFIRMED'
  /** A typed session id prefix matches more than one session. */
  | 'AMBIGUOUS_SESSION'
  /** The next request would take the session past its credit budget (a session-level stop). */
  | 'budget_exceeded';

/**
 * Every code the API may send as `data.domainCode`. Clients type their messages against it (it
 * travels with `type AppRouter`), so a new code here fails their type-check until it has one.
 */
export type DomainErrorCode =
  | StudioErrorCode
  | DbErrorCode
  | SpeechErrorCode
  | RenderErrorCode
  | ExportErrorCode
  | StorageErrorCode;

export class StudioError extends Error {
  override readonly name = 'StudioError';
  constructor(
    readonly code: StudioErrorCode,
    message: string,
    readonly diagnostics?: Diagnostic[],
  ) {
    super(message);
  }
}

const classOf = {
  // ours
  INVALID_SCRIPT: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  REMOVALS_NOT_CONFIRMED: 'CONFLICT',
  AMBIGUOUS_SESSION: 'BAD_REQUEST',
  budget_exceeded: 'PRECONDITION_FAILED',
  // @studio/db
  SESSION_NOT_FOUND: 'NOT_FOUND',
  BEAT_NOT_FOUND: 'NOT_FOUND',
  TAKE_NOT_FOUND: 'NOT_FOUND',
  VOICE_NOT_FOUND: 'NOT_FOUND',
  JOB_NOT_FOUND: 'NOT_FOUND',
  EXPORT_NOT_FOUND: 'NOT_FOUND',
  LEXICON_ENTRY_NOT_FOUND: 'NOT_FOUND',
  NOTE_NOT_FOUND: 'NOT_FOUND',
  TAKE_NOT_IN_BEAT: 'BAD_REQUEST',
  DUPLICATE_BEAT: 'CONFLICT',
  INVALID_SETTINGS: 'BAD_REQUEST',
  INVALID_INPUT: 'BAD_REQUEST',
  CORRUPT_ROW: 'INTERNAL_SERVER_ERROR',
  // @studio/audio
  MISSING_TAKES: 'PRECONDITION_FAILED',
  NO_TAKES: 'PRECONDITION_FAILED',
  FLAGGED_TAKES: 'PRECONDITION_FAILED',
  missing_profile: 'PRECONDITION_FAILED',
  invalid_beat: 'BAD_REQUEST',
  invalid_request: 'BAD_REQUEST',
  voice_not_found: 'NOT_FOUND',
  rate_limited: 'TOO_MANY_REQUESTS',
  timeout: 'GATEWAY_TIMEOUT',
  auth: 'BAD_GATEWAY',
  quota_exceeded: 'BAD_GATEWAY',
  server: 'BAD_GATEWAY',
  network: 'BAD_GATEWAY',
  not_found: 'NOT_FOUND',
  invalid_key: 'BAD_REQUEST',
} satisfies Record<DomainErrorCode, TRPC_ERROR_CODE_KEY>;

const domainErrors = [StudioError, DbError, SpeechError, RenderError, ExportError, StorageError];

/** The literal code of an error one of our packages threw on purpose. */
export function domainCodeOf(error: unknown): DomainErrorCode | undefined {
  return domainErrors.some((type) => error instanceof type)
    ? (error as { code: DomainErrorCode }).code
    : undefined;
}

export function toTRPCError(error: unknown): unknown {
  const code = domainCodeOf(error);
  if (code === undefined) return error;
  return new TRPCError({ code: classOf[code], message: (error as Error).message, cause: error });
}
