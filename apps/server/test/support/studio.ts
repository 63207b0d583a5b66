/** Studios for tests: a temp data dir, logs captured, the ElevenLabs stand-in as the provider. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database, DatabaseKind } from '@studio/db';
import { createTestDatabase } from '@studio/db/testing';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll } from 'vitest';
import { appRouter } from '../../src/router/index.js';
import { createCallerFactory } from '../../src/trpc.js';
import { loadEnv, type StudioConfig } from '../../src/env.js';
import { createStudio, type Studio } from '../../src/studio.js';

export interface TestStudio {
  studio: Studio;
  config: StudioConfig;
  /** Every log line written so far (JSON text). */
  logs: string[];
  close(): Promise<void>;
}

export interface TestStudioOptions {
  standIn?: ElevenLabsStandIn;
  env?: Record<string, string>;
  /** Default: a fresh PGlite copy from `@studio/db/testing`, closed with the studio. */
  database?: Database;
  /** Default: a new temp folder, removed on close. */
  dataDir?: string;
  /** Default: the studio's own (20 s). */
  leaseRenewMs?: number;
  /** Default: the studio's own (5 min). */
  jobDeadlineMs?: number;
}

export function tempDir(prefix = 'studio-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function createTestStudio(options: TestStudioOptions = {}): Promise<TestStudio> {
  const dataDir = options.dataDir ?? tempDir();
  const config = loadEnv({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    ...(options.standIn
      ? { ELEVENLABS_API_KEY: options.standIn.apiKey, ELEVENLABS_BASE_URL: options.standIn.baseUrl }
      : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const studio = await createStudio(config, {
    logDestination: { write: (line: string) => void logs.push(line) },
    webHandlerPath: null,
    pollMs: 100,
    ...(options.leaseRenewMs === undefined ? {} : { leaseRenewMs: options.leaseRenewMs }),
    ...(options.jobDeadlineMs === undefined ? {} : { jobDeadlineMs: options.jobDeadlineMs }),
    database: options.database ?? (await createTestDatabase()),
  });
  return {
    studio,
    config,
    logs,
    async close() {
      await studio.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const createCaller = createCallerFactory(appRouter);

export interface CallerStudio {
  standIn: ElevenLabsStandIn;
  test: TestStudio;
  caller: ReturnType<typeof createCaller>;
}

export interface CallerStudioOptions {
  /** Default: PGlite. */
  engine?: DatabaseKind;
  /** Start the generation worker (default false: tests that queue no work need none). */
  worker?: boolean;
}

/**
 * For a describe block: a studio voiced by a fresh stand-in, started before its tests and
 * closed after them, with a `createCaller` on its services. Read the parts inside tests.
 */
export function useCallerStudio(
  requestId: string,
  options: CallerStudioOptions = {},
): () => CallerStudio {
  let parts: CallerStudio | undefined;
  let standIn: ElevenLabsStandIn | undefined;
  let test: TestStudio | undefined;
  beforeAll(async () => {
    standIn = await startElevenLabsStandIn();
    test = await createTestStudio({
      standIn,
      database: await createTestDatabase({ engine: options.engine ?? 'pglite' }),
    });
    if (options.worker) test.studio.worker.start();
    parts = { standIn, test, caller: createCaller({ ...test.studio.services, requestId }) };
  });
  afterAll(async () => {
    await test?.close();
    await standIn?.close();
  });
  return () => {
    if (!parts) throw new Error('useCallerStudio: read it inside a test');
    return parts;
  };
}
