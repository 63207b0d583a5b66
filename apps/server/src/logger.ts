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
      // Errors from HTTP clients can carry request headers in nested shapes no path foresees.
      hooks: {
        streamWrite: (line) =>
          known.reduce((text, secret) => text.replaceAll(secret, '[redacted]'), line),
      },
    },
    destination,
  );
}
