/** Structured logs. Secrets are removed twice: by path, and by value just before each line is written. */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './env.js';

export type { Logger };

const redactPaths = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'headers.authorization',
  'headers.cookie',
  'headers["xi-api-key"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["xi-api-key"]',
];

/** Longest text kept from an error: a failed statement's SQL alone can run to megabytes. */
const MAX_ERROR_TEXT = 2_000;
/** Causes followed, so a cycle or a deep chain cannot grow a line without bound. */
const MAX_CAUSES = 4;

/** Fields of an error worth a log line: what happened and where, never the data it carried. */
const ERROR_FIELDS = ['code', 'field', 'status', 'severity', 'constraint', 'routine'] as const;

function cut(text: string): string {
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}… [cut]` : text;
}

/**
 * An error as a log field: type, message, code, stack and its causes. Nothing else is copied: a
 * failed query's error carries its bind parameters — the whole script, megabytes of it — in
 * `params` (drizzle), `parameters` (postgres.js) and drizzle's message, and they are user data.
 */
function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return cut(String(error));
  const out: Record<string, unknown> = {
    type: error.constructor.name,
    // drizzle: `Failed query: <sql>\nparams: <every value>`.
    message: cut(error.message.split('\nparams: ')[0] ?? ''),
  };
  const fields = error as Error & Record<string, unknown>;
  for (const name of ERROR_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' || typeof value === 'number') out[name] = value;
  }
  // Frames only: the stack's first lines repeat the message, parameters included.
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '));
  if (frames?.length) out.stack = cut(frames.join('\n'));
  if (error.cause !== undefined && depth < MAX_CAUSES) {
    out.cause = serializeError(error.cause, depth + 1);
  }
  return out;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never reach a log line (the API key, the studio token). */
  secrets: (string | undefined)[];
  destination?: DestinationStream;
}

export function createLogger({ level, secrets, destination }: LoggerOptions): Logger {
  const known = secrets.filter((secret): secret is string => !!secret && secret.length >= 4);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: (error: unknown) => serializeError(error) },
      // Errors from HTTP clients can carry request headers in nested shapes no path foresees.
      hooks: {
        streamWrite: (line) =>
          known.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line),
      },
    },
    destination,
  );
}
