/**
 * The server's configuration: the only module that reads `process.env`.
 * `loadEnv` is pure (tests pass their own objects); `loadProcessEnv` adds the real environment
 * and the repository's optional `.env` file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** Relative paths in the configuration resolve against the repository root, whatever the cwd. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/**
 * A `Host` header's form, lower-cased: `studio.example.com`, `studio.example.com:8443`,
 * `10.0.0.5`, `[fd00::5]:3000`. Groups: the name, the port.
 */
export const HOST_AUTHORITY = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('data'),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  ELEVENLABS_API_KEY: optionalText,
  ELEVENLABS_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  ELEVENLABS_MODEL: optionalText,
  TTS_PROVIDER: z.enum(['auto', 'elevenlabs', 'local']).default('auto'),
  GENERATION_CONCURRENCY: optionalText.pipe(
    z.coerce.number<string>().int().min(1).max(32).optional(),
  ),
  // Only blanks is a token someone meant to set and got wrong: refusing beats running without auth.
  STUDIO_TOKEN: z
    .string()
    .refine((value) => value === '' || value.trim() !== '', 'must not be only whitespace')
    .optional()
    .pipe(optionalText)
    .pipe(z.string().min(16, 'must be at least 16 characters long').optional()),
  /** Comma-separated `name` or `name:port` entries: the names a reverse proxy serves the studio as. */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((entry) => entry.trim().toLowerCase()))
    .transform((entries) => entries.filter((entry) => entry !== ''))
    .pipe(
      z.array(z.string().regex(HOST_AUTHORITY, 'must be host names or host:port, comma-separated')),
    ),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  FFMPEG_PATH: optionalText,
  DEFAULT_CHARACTER: optionalText.pipe(z.string().default('every-coon')),
  /** Transcribe every take to check it (speech recognition QC): `auto` = when a key is set. */
  QC_LISTENING: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Voice a beat once more, automatically, when its first take fails QC. */
  QC_AUTO_REGENERATE: z.enum(['true', 'false']).default('true'),
});

/** Speech recognition for take QC: the ElevenLabs account, whatever voices the takes. */
export interface QcConfig {
  listening: { apiKey: string; baseUrl: string | undefined } | null;
  autoRegenerate: boolean;
}

export type ProviderConfig =
  | { kind: 'elevenlabs'; apiKey: string; baseUrl: string | undefined; modelId: string | undefined }
  | { kind: 'local' };

export interface StudioConfig {
  port: number;
  host: string;
  /** Absolute. Holds the embedded database (unless `databaseUrl`) and the audio storage. */
  dataDir: string;
  databaseUrl: string | undefined;
  provider: ProviderConfig;
  /** Beats voiced at once; the provider's reported maximum still caps it at run time. */
  concurrency: number;
  token: string | undefined;
  /** Lower-case `name` or `name:port`, besides loopback names and `host` (see `http/host-policy.ts`). */
  allowedHosts: string[];
  logLevel: LogLevel;
  ffmpegPath: string | undefined;
  /**
   * Who speaks a line the script gives no speaker (no `[CHARACTER:]`, no `default_character`),
   * as the seed voiced them. Checked against the voice profiles once the database is open.
   */
  defaultCharacter: string;
  qc: QcConfig;
}

export interface EnvIssue {
  name: string;
  message: string;
}

export class EnvError extends Error {
  readonly code = 'INVALID_ENV';
  constructor(readonly issues: EnvIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((issue) => `  ${issue.name}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'EnvError';
  }
}

/** Default concurrency: ElevenLabs plans allow several requests at once; the local voice is CPU-bound. */
const defaultConcurrency = { elevenlabs: 4, local: 2 } as const;

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

export function loadEnv(source: Record<string, string | undefined>): StudioConfig {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => ({
        name: String(issue.path[0] ?? 'environment'),
        message: issue.message,
      })),
    );
  }
  const env = parsed.data;
  const issues: EnvIssue[] = [];

  if (env.TTS_PROVIDER === 'elevenlabs' && !env.ELEVENLABS_API_KEY) {
    issues.push({ name: 'ELEVENLABS_API_KEY', message: 'required when TTS_PROVIDER=elevenlabs' });
  }
  // A studio reachable from the network without a token would hand out the API's credits.
  if (!isLoopbackHost(env.HOST) && !env.STUDIO_TOKEN) {
    issues.push({
      name: 'STUDIO_TOKEN',
      message: `required when HOST is not a loopback address (HOST=${env.HOST})`,
    });
  }
  if (env.QC_LISTENING === 'on' && !env.ELEVENLABS_API_KEY) {
    issues.push({ name: 'ELEVENLABS_API_KEY', message: 'required when QC_LISTENING=on' });
  }
  if (issues.length > 0) throw new EnvError(issues);

  const provider: ProviderConfig =
    env.TTS_PROVIDER !== 'local' && env.ELEVENLABS_API_KEY
      ? {
          kind: 'elevenlabs',
          apiKey: env.ELEVENLABS_API_KEY,
          baseUrl: env.ELEVENLABS_BASE_URL,
          modelId: env.ELEVENLABS_MODEL,
        }
      : { kind: 'local' };

  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: isAbsolute(env.DATA_DIR) ? env.DATA_DIR : resolve(repoRoot, env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    provider,
    concurrency: env.GENERATION_CONCURRENCY ?? defaultConcurrency[provider.kind],
    token: env.STUDIO_TOKEN,
    allowedHosts: env.ALLOWED_HOSTS,
    logLevel: env.LOG_LEVEL,
    ffmpegPath: env.FFMPEG_PATH,
    defaultCharacter: env.DEFAULT_CHARACTER,
    qc: {
      listening:
        env.QC_LISTENING !== 'off' && env.ELEVENLABS_API_KEY
          ? { apiKey: env.ELEVENLABS_API_KEY, baseUrl: env.ELEVENLABS_BASE_URL }
          : null,
      autoRegenerate: env.QC_AUTO_REGENERATE === 'true',
    },
  };
}

/** The real environment over the repository's `.env` file (the environment wins). */
export function loadProcessEnv(): StudioConfig {
  const file = resolve(repoRoot, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return loadEnv({ ...fromFile, ...process.env });
}
