/**
 * The whole studio in one object: database (migrated, voice profiles seeded), storage and cache,
 * the speech provider behind the concurrency gate, the generation worker and the HTTP server.
 * `main.ts` runs one; tests and the CLI's in-process mode start their own on port 0.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  createLocalStorage,
  createMp3EncoderPool,
  createSegmentCache,
  type Mp3Module,
} from '@studio/audio';
import {
  claimJobs,
  createDatabase,
  migrate,
  renewLeases,
  requeueInterrupted,
  seedVoiceProfiles,
  type Database,
  type GenerationJob,
} from '@studio/db';
import type { DestinationStream } from 'pino';
import type { Services } from './context.js';
import type { StudioConfig } from './env.js';
import { createAccount } from './account/account.js';
import { createEventBus } from './events/bus.js';
import { createSessionState } from './events/session-state.js';
import { settleInterruptedExports } from './exports/interrupted-exports.js';
import type { StudioEvent } from './events/types.js';
import { createConcurrencyLimit, createRequestGate } from './generation/concurrency.js';
import { sweepOrphans } from './generation/orphan-sweep.js';
import { createProvider, createTranscriber } from './generation/providers.js';
import { createSessionBudgets } from './generation/budgets.js';
import { createSessionHalts } from './generation/session-halts.js';
import { voiceBeat } from './generation/voice-beat.js';
import { createWorker, type Worker } from './generation/worker.js';
import { createAuth } from './http/auth.js';
import { createFailureLimiter } from './http/failure-limiter.js';
import { createHealthCheck } from './http/health.js';
import { createHostPolicy } from './http/host-policy.js';
import { createRequestListener } from './http/server.js';
import { defaultWebHandlerPath, loadWebApp } from './http/web-app.js';
import { createLogger } from './logger.js';
import { resolveDefaultCharacter } from './sessions/script.js';

export interface StudioOptions {
  /** An open database (tests: a fresh one from `@studio/db/testing`); default from the config. */
  database?: Database;
  /** Where logs go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
  /** The built web app's `handler.js`; `null` serves none. */
  webHandlerPath?: string | null;
  /** How often an idle worker looks for work queued elsewhere. */
  pollMs?: number;
  /** How often the worker renews its claims on the jobs it runs. */
  leaseRenewMs?: number;
  /** The longest a generation job may run (default `JOB_DEADLINE_MS`). */
  jobDeadlineMs?: number;
  /** LAME compiled before the V8 flags (`tune-memory.ts`): the encoder threads' optimizing tier. */
  mp3Module?: Mp3Module;
}

export interface Studio {
  services: Services;
  worker: Worker;
  server: Server;
  /**
   * Sweeps orphans, fails interrupted exports, requeues interrupted jobs, starts the worker and
   * listens. Returns the URL.
   */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const BEATS_PER_REQUEST_SLOT = 2;

/**
 * A claim on a job lasts a minute and is renewed every 20 s while the beat renders: a dead
 * process's jobs are taken over within a minute, and a live one keeps the jobs it works on
 * through two missed renewals.
 */
const LEASE_MS = 60_000;
const LEASE_RENEW_MS = 20_000;

/**
 * Names this worker across restarts, so a restarted process requeues the jobs its previous life
 * held at once instead of waiting out their leases. An embedded database belongs to one process
 * (its data folder names it); with Postgres, host and port do — or, on a random port, nothing
 * stable, and its jobs wait for their leases.
 */
function workerOwner(database: Database, config: StudioConfig): string {
  if (database.kind === 'pglite') return `${hostname()}:${config.dataDir}`;
  return `${hostname()}:${config.port ? `port-${config.port}` : randomUUID()}`;
}

export async function createStudio(
  config: StudioConfig,
  options: StudioOptions = {},
): Promise<Studio> {
  const log = createLogger({
    level: config.logLevel,
    secrets: [
      config.provider.kind === 'elevenlabs' ? config.provider.apiKey : undefined,
      config.qc.listening?.apiKey,
      config.token,
    ],
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  mkdirSync(config.dataDir, { recursive: true });
  const database =
    options.database ?? (await createDatabase(config.databaseUrl, { dataDir: config.dataDir }));
  const { db } = database;
  await migrate(db);
  await seedVoiceProfiles(db);
  const defaultCharacter = await resolveDefaultCharacter(db, config.defaultCharacter);

  // Scratch files beside the storage, never in the system's temp folder: a kill mid-encode
  // leaves them where the sweep at start finds them.
  const storage = createLocalStorage(join(config.dataDir, 'storage'), {
    tempDir: join(config.dataDir, 'tmp'),
  });
  const limit = createConcurrencyLimit(config.concurrency, () => worker.wake());
  const owner = workerOwner(database, config);
  const bus = createEventBus<StudioEvent>({ resync: { type: 'resync' } });

  const account = createAccount(config.provider, log);
  const services: Services = {
    db,
    storage,
    cache: createSegmentCache(storage),
    encoder: createMp3EncoderPool(options.mp3Module ? { module: options.mp3Module } : {}),
    provider: createProvider(config.provider),
    gate: createRequestGate(limit),
    halts: createSessionHalts(),
    budgets: createSessionBudgets({ db, account }),
    account,
    bus,
    sessionState: createSessionState({ db, bus }),
    log,
    modelOverride: config.provider.kind === 'elevenlabs' ? config.provider.modelId : undefined,
    ffmpegPath: config.ffmpegPath,
    defaultCharacter,
    transcriber: createTranscriber(config.qc),
    qcAutoRegenerate: config.qc.autoRegenerate,
    wakeWorker: () => worker.wake(),
  };
  const worker = createWorker<GenerationJob>({
    claim: (count) => claimJobs(db, { owner, limit: count, leaseMs: LEASE_MS }),
    run: (job, signal) => voiceBeat(services, job, signal, options.jobDeadlineMs),
    lease: {
      async renew(jobs) {
        const jobIds = jobs.map((job) => job.id);
        const held = new Set(await renewLeases(db, { owner, jobIds, leaseMs: LEASE_MS }));
        return jobs.filter((job) => held.has(job.id));
      },
      everyMs: options.leaseRenewMs ?? LEASE_RENEW_MS,
    },
    // More beats than requests in flight: while one beat is encoded and stored, the next
    // beat's request already uses the provider slot it freed.
    concurrency: () => limit.current() * BEATS_PER_REQUEST_SLOT,
    pollMs: options.pollMs ?? 1000,
    log,
  });

  const server = createServer(
    createRequestListener({
      services,
      auth: createAuth({ token: config.token, db, limiter: createFailureLimiter() }),
      hosts: createHostPolicy(config),
      health: createHealthCheck(services),
      web: await loadWebApp(
        options.webHandlerPath === undefined ? defaultWebHandlerPath : options.webHandlerPath,
      ),
    }),
  );

  return {
    services,
    worker,
    server,
    async start() {
      await sweepOrphans(services);
      await settleInterruptedExports(services, database.kind);
      const requeued = await requeueInterrupted(db, { owner });
      if (requeued.length > 0) log.info({ jobs: requeued.length }, 'requeued interrupted jobs');
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      worker.start();
      const { port } = server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      return `http://${host}:${port}`;
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // SSE streams and keep-alive sockets would hold `close` open forever.
      server.closeAllConnections();
      await worker.stop();
      await services.encoder.close();
      await closed;
      await database.close();
    },
  };
}
