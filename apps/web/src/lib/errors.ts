/**
 * Turning any failure into something a person can read. Pure: `describeError` is what the
 * toast store (`notifications.svelte.ts`) shows, and what errors.test.ts pins down. API errors
 * are read through the router's own error type: the codes are the server's, not guesses.
 */
import { isTRPCClientError, type TRPCClientError } from '@trpc/client';
import type { ApiErrorData, AppRouter, DomainErrorCode } from '@studio/server';

export type ErrorKind =
  | 'auth'
  | 'validation'
  | 'not-found'
  | 'conflict'
  | 'rate-limit'
  | 'network'
  | 'server'
  | 'unknown';

export interface UserError {
  kind: ErrorKind;
  /** One line: what went wrong. */
  title: string;
  /** Optional second line: the server's explanation, or what to do. */
  detail?: string;
  /** Field-level problems from input validation, as `field: message`. */
  fields?: { field: string; message: string }[];
  /** The domain code (`SESSION_NOT_FOUND`) or tRPC code (`BAD_REQUEST`), when there is one. */
  code?: string;
}

/**
 * A message for every domain code the server sends: a code added on the server without one here
 * fails the type-check.
 */
const domainMessages = {
  // the studio
  INVALID_SCRIPT: 'The script has errors; fix them and try again.',
  PAYLOAD_TOO_LARGE: 'That is too large for the studio to accept.',
  REMOVALS_NOT_CONFIRMED: 'The re-import removes beats: confirm the removals first.',
  AMBIGUOUS_SESSION: 'More than one session starts with that id; give more of it.',
  // the database
  SESSION_NOT_FOUND: 'That session no longer exists.',
  BEAT_NOT_FOUND: 'That beat is no longer part of the session.',
  TAKE_NOT_FOUND: 'That take no longer exists.',
  VOICE_NOT_FOUND: 'No voice profile for that character.',
  TAKE_NOT_IN_BEAT: 'That take belongs to another beat.',
  EXPORT_NOT_FOUND: 'That export no longer exists.',
  LEXICON_ENTRY_NOT_FOUND: 'That word is not in the project’s lexicon.',
  budget_exceeded: 'The session reached its credit budget: raise it to voice the rest.',
  NOTE_NOT_FOUND: 'That note no longer exists.',
  JOB_NOT_FOUND: 'That generation job no longer exists.',
  DUPLICATE_BEAT: 'Two beats have the same id.',
  INVALID_SETTINGS: 'A voice setting is out of range.',
  INVALID_INPUT: 'Some values were not accepted.',
  CORRUPT_ROW: 'A stored record is damaged; the studio refused to use it.',
  // the speech provider
  auth: 'The ElevenLabs API key was refused.',
  quota_exceeded: 'The ElevenLabs quota is used up.',
  rate_limited: 'The voice service is busy; try again in a moment.',
  voice_not_found: 'The voice service does not know that voice.',
  invalid_request: 'The voice service refused the request.',
  timeout: 'The voice service did not answer in time; try again.',
  server: 'The voice service ran into a problem; try again.',
  network: 'Cannot reach the voice service.',
  // rendering and exporting
  missing_profile: 'A character in the script has no voice profile.',
  invalid_beat: 'That beat cannot be voiced as written.',
  MISSING_TAKES: 'Some beats have no selected take (allow a partial export to skip them).',
  NO_TAKES: 'Nothing to export yet: select a take for the beats first.',
  FLAGGED_TAKES:
    'Some selected takes failed take QC: choose other takes, or allow flagged takes in the export.',
  // stored files
  invalid_key: 'That file name was refused.',
  not_found: 'That file no longer exists.',
} satisfies Record<DomainErrorCode, string>;

/** Only a newer server than this page could send a code without a message here. */
function domainMessage(code: string): string | undefined {
  return Object.hasOwn(domainMessages, code) ? domainMessages[code as DomainErrorCode] : undefined;
}

const trpcKinds: Partial<Record<ApiErrorData['code'], ErrorKind>> = {
  UNAUTHORIZED: 'auth',
  FORBIDDEN: 'auth',
  BAD_REQUEST: 'validation',
  PARSE_ERROR: 'validation',
  UNPROCESSABLE_CONTENT: 'validation',
  PAYLOAD_TOO_LARGE: 'validation',
  NOT_FOUND: 'not-found',
  CONFLICT: 'conflict',
  PRECONDITION_FAILED: 'conflict',
  TOO_MANY_REQUESTS: 'rate-limit',
  TIMEOUT: 'network',
  CLIENT_CLOSED_REQUEST: 'network',
  INTERNAL_SERVER_ERROR: 'server',
  NOT_IMPLEMENTED: 'server',
  BAD_GATEWAY: 'server',
  SERVICE_UNAVAILABLE: 'server',
  GATEWAY_TIMEOUT: 'server',
};

const kindTitles: Record<ErrorKind, string> = {
  auth: 'The studio needs its access token.',
  validation: 'Some values were not accepted.',
  'not-found': 'Not found.',
  conflict: 'That cannot be done right now.',
  'rate-limit': 'Too many requests; try again in a moment.',
  network: 'Cannot reach the studio server.',
  server: 'The server ran into a problem.',
  unknown: 'Something went wrong.',
};

type Field = { field: string; message: string };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The formatter's per-field zod errors (`{ fieldErrors: { title: ['Too long'] } }`) → field list. */
function zodFields(zod: ApiErrorData['zod'] | undefined): Field[] {
  if (!zod) return [];
  return [
    ...Object.entries(zod.fieldErrors).flatMap(([field, messages]) =>
      messages.map((message) => ({ field, message })),
    ),
    ...zod.formErrors.map((message) => ({ field: 'input', message })),
  ];
}

/** Script errors sent with INVALID_SCRIPT, as `line:column` fields. */
function diagnosticFields(diagnostics: ApiErrorData['diagnostics'] | undefined): Field[] {
  return (diagnostics ?? [])
    .filter((d) => d.severity === 'error')
    .map((d) => ({ field: `${d.line}:${d.column}`, message: d.message }));
}

function isNetworkMessage(message: string): boolean {
  return /failed to fetch|networkerror|network request failed|fetch failed|load failed|econnrefused|unexpected end of json/i.test(
    message,
  );
}

/** How a response without the server's error shape (a proxy, a dropped connection) reads. */
function kindOfStatus(status: unknown, message: string, hasData: boolean): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (typeof status === 'number' && status >= 500) return 'server';
  if (isNetworkMessage(message) || !hasData) return 'network';
  return 'unknown';
}

function describeApiError(error: TRPCClientError<AppRouter>): UserError {
  const data = error.data;
  const message = error.message.trim();
  const trpcCode = data?.code;
  const domainCode = data?.domainCode ?? undefined;
  const response = error.meta?.response as { status?: unknown } | undefined;
  const kind: ErrorKind = trpcCode
    ? (trpcKinds[trpcCode] ?? 'unknown')
    : kindOfStatus(data?.httpStatus ?? response?.status, message, data != null);
  const fields = [...zodFields(data?.zod), ...diagnosticFields(data?.diagnostics)];
  // tRPC's message for an input error is zod's JSON dump: the fields say it better.
  const readable = message !== '' && !message.startsWith('[') && !message.startsWith('{');
  const known = domainCode && domainMessage(domainCode);
  const title =
    known || (kind === 'auth' || kind === 'network' || !readable ? kindTitles[kind] : message);
  const detail =
    kind === 'network'
      ? 'Check that the studio is running, then try again.'
      : kind === 'auth'
        ? 'Enter the studio token to continue.'
        : known && readable && message !== title
          ? message
          : undefined;
  const code = domainCode ?? trpcCode;
  return {
    kind,
    title,
    ...(detail ? { detail } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(code ? { code } : {}),
  };
}

/** What to tell the user about `error`, whatever it is. */
export function describeError(error: unknown): UserError {
  if (isTRPCClientError<AppRouter>(error)) return describeApiError(error);
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { kind: 'network', title: 'The request was cancelled.' };
  }
  if (error instanceof Error) {
    const message = text(error.message);
    if (message && isNetworkMessage(message)) {
      return { kind: 'network', title: kindTitles.network, detail: message };
    }
    return { kind: 'unknown', title: message ?? kindTitles.unknown };
  }
  return { kind: 'unknown', title: text(error) ?? kindTitles.unknown };
}
