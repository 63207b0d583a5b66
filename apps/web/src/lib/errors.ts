/**
 * Turning any failure into something a person can read. Pure: `describeError` is what the
 * toast store (`notifications.svelte.ts`) shows, and what errors.test.ts pins down.
 */

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
  /** The domain code (`session/not-found`) or tRPC code (`BAD_REQUEST`), when there is one. */
  code?: string;
}

/** Messages for the domain codes the server sends (its errors carry a literal `code`). */
const domainMessages: Record<string, string> = {
  INVALID_SCRIPT: 'The script has errors; fix them and try again.',
  PAYLOAD_TOO_LARGE: 'That is too large for the studio to accept.',
  SESSION_NOT_FOUND: 'That session no longer exists.',
  BEAT_NOT_FOUND: 'That beat is no longer part of the session.',
  TAKE_NOT_FOUND: 'That take no longer exists.',
  VOICE_NOT_FOUND: 'No voice profile for that character.',
  TAKE_NOT_IN_BEAT: 'That take belongs to another beat.',
  EXPORT_NOT_FOUND: 'That export no longer exists.',
  JOB_NOT_FOUND: 'That generation job no longer exists.',
  DUPLICATE_BEAT: 'Two beats have the same id.',
  INVALID_SETTINGS: 'A voice setting is out of range.',
  INVALID_INPUT: 'Some values were not accepted.',
  PREVIEW_FAILED: 'The voice preview could not be generated.',
  REMOVALS_NOT_CONFIRMED: 'The re-import removes beats: confirm the removals first.',
  NOTHING_TO_EXPORT: 'Nothing to export yet: select a take for the beats first.',
  MISSING_TAKES: 'Some beats have no selected take (allow a partial export to skip them).',
  quota_exceeded: 'The ElevenLabs quota is used up.',
  invalid_api_key: 'The ElevenLabs API key was refused.',
  voice_not_found: 'ElevenLabs does not know that voice id.',
};

const trpcKinds: Record<string, ErrorKind> = {
  UNAUTHORIZED: 'auth',
  FORBIDDEN: 'auth',
  BAD_REQUEST: 'validation',
  PARSE_ERROR: 'validation',
  UNPROCESSABLE_CONTENT: 'validation',
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

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `{ fieldErrors: { title: ['Too long'] }, formErrors: [] }` (zod's flatten) → field list. */
function flattenFields(zodError: unknown): { field: string; message: string }[] {
  if (!isObject(zodError)) return [];
  const out: { field: string; message: string }[] = [];
  const fieldErrors = zodError.fieldErrors;
  if (isObject(fieldErrors)) {
    for (const [field, messages] of Object.entries(fieldErrors)) {
      const list = Array.isArray(messages) ? messages : [messages];
      for (const message of list) {
        const m = text(message);
        if (m) out.push({ field, message: m });
      }
    }
  }
  const formErrors = zodError.formErrors;
  if (Array.isArray(formErrors)) {
    for (const message of formErrors) {
      const m = text(message);
      if (m) out.push({ field: 'input', message: m });
    }
  }
  // zod issue arrays (`[{ path: ['title'], message }]`), as some formatters send them.
  const issues = Array.isArray(zodError) ? zodError : zodError.issues;
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      if (!isObject(issue)) continue;
      const m = text(issue.message);
      const path = Array.isArray(issue.path) ? issue.path.join('.') : '';
      if (m) out.push({ field: path || 'input', message: m });
    }
  }
  return out;
}

/** Script diagnostics sent with INVALID_SCRIPT, as `line:column` fields. */
function diagnosticFields(diagnostics: unknown): { field: string; message: string }[] {
  if (!Array.isArray(diagnostics)) return [];
  return diagnostics.flatMap((d: unknown) => {
    if (!isObject(d) || d.severity === 'warning') return [];
    const m = text(d.message);
    return m ? [{ field: `${String(d.line)}:${String(d.column)}`, message: m }] : [];
  });
}

/** A tRPC input error message is zod's JSON dump of issues: make it a field list. */
function fieldsFromMessage(message: string): { field: string; message: string }[] {
  if (!message.startsWith('[')) return [];
  try {
    return flattenFields(JSON.parse(message) as unknown);
  } catch {
    return [];
  }
}

function isNetworkMessage(message: string): boolean {
  return /failed to fetch|networkerror|network request failed|fetch failed|load failed|econnrefused|unexpected end of json/i.test(
    message,
  );
}

/** What to tell the user about `error`, whatever it is. */
export function describeError(error: unknown): UserError {
  if (isObject(error) && (error.name === 'TRPCClientError' || 'shape' in error)) {
    const data = isObject(error.data) ? error.data : {};
    const message = text(error.message) ?? '';
    const trpcCode = text(data.code);
    const domainCode =
      text(data.domainCode) ??
      text(data.appCode) ??
      text(data.errorCode) ??
      (isObject(data.cause) ? text(data.cause.code) : undefined);
    const response =
      isObject(error.meta) && isObject(error.meta.response) ? error.meta.response : {};
    const httpStatus =
      typeof data.httpStatus === 'number'
        ? data.httpStatus
        : typeof response.status === 'number'
          ? response.status
          : undefined;
    let kind: ErrorKind = trpcCode ? (trpcKinds[trpcCode] ?? 'unknown') : 'unknown';
    if (!trpcCode) {
      if (httpStatus === 401 || httpStatus === 403) kind = 'auth';
      else if (httpStatus === 404) kind = 'not-found';
      else if (httpStatus !== undefined && httpStatus >= 500) kind = 'server';
      else if (isNetworkMessage(message) || !isObject(error.data)) kind = 'network';
    }
    const fields = [
      ...flattenFields(data.zod ?? data.zodError ?? data.issues),
      ...diagnosticFields(data.diagnostics),
      ...(kind === 'validation' ? fieldsFromMessage(message) : []),
    ];
    const readable = message && !message.startsWith('[') && !message.startsWith('{');
    const title =
      (domainCode && domainMessages[domainCode]) ??
      (kind === 'auth' || kind === 'network'
        ? kindTitles[kind]
        : readable
          ? message
          : kindTitles[kind]);
    const detail =
      kind === 'network'
        ? 'Check that the studio is running, then try again.'
        : kind === 'auth'
          ? 'Enter the studio token to continue.'
          : domainCode && domainMessages[domainCode] && readable && message !== title
            ? message
            : undefined;
    return {
      kind,
      title,
      ...(detail ? { detail } : {}),
      ...(fields.length > 0 ? { fields } : {}),
      ...(domainCode || trpcCode ? { code: domainCode ?? trpcCode } : {}),
    };
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { kind: 'network', title: 'The request was cancelled.' };
  }
  if (error instanceof Error) {
    const message = text(error.message);
    if (message && isNetworkMessage(message)) {
      return { kind: 'network', title: kindTitles.network, detail: message };
    }
    const code = isObject(error) ? text((error as unknown as Loose).code) : undefined;
    return {
      kind: 'unknown',
      title: (code && domainMessages[code]) ?? message ?? kindTitles.unknown,
      ...(code ? { code } : {}),
    };
  }
  const message = text(error);
  return { kind: 'unknown', title: message ?? kindTitles.unknown };
}
