/**
 * `pnpm bench:generate`: 40 beats through the server (run as `pnpm start` runs it: the bundle,
 * in its own process) and the ElevenLabs stand-in with 400 ms latency and a cap of 4 concurrent
 * requests. Prints, one figure per line: the wall time against the ideal (40 × 0.4 s / 4), the same
 * run one request at a time (what the seed's sequential design needs), a run with 10% injected
 * failures, and the server's peak memory (also with the local voice, the default set-up).
 * The main run is repeated (RUNS): every run must land within 1.10× the ideal. Where the time over
 * the ideal goes is printed per run, from the stand-in's request log and the server's CPU time:
 * before the first request, requests slower than the latency, provider slots left idle while
 * beats remained (the server's own per-beat work not hidden behind other requests), and after
 * the last answer until the browser-visible progress event.
 * Targets: ≤ 1.10× ideal in every run, 0 failed beats, peak RSS ≤ 200 MB (embedded PGlite).
 * With `TEST_DATABASE_URL` (a Postgres admin URL) it also measures the server on Postgres, which
 * separates the server's own memory from the embedded database's.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startElevenLabsStandIn } from '@studio/audio/testing';
import { createScratchPostgresDatabase } from '@studio/db/testing';
import { bundleServer } from '../bundle.js';
import { freePort, spawnStudio, type StudioProcess } from '../test/support/child.js';
import { createStudioClient, type StudioClient } from '../test/support/client.js';

const BEATS = 40;
const LATENCY_MS = 400;
const CAP = 4;
const IDEAL_S = (BEATS * LATENCY_MS) / CAP / 1000;
const LOCAL_BEATS = 12;
const RUNS = 3;

const scratch = fileURLToPath(new URL('./.tmp/', import.meta.url));

function script(run: string, count = BEATS): string {
  const beats = Array.from({ length: count }, (_, i) => {
    const id = String(i + 1).padStart(2, '0');
    // Distinct text per run: no run is served from another's cache.
    const body = `Beat ${id} of the ${run} run. The bag looks the same, the bag is not the same.`;
    return `[BEAT: ${id}_beat]\nname: Beat ${id}\n---\n${body}\n[END_BEAT]`;
  });
  return `[META]\nvideo_title: Bench ${run}\nproject: bench\ndefault_character: every-coon\n\n${beats.join('\n\n')}\n`;
}

interface Server {
  studio: StudioProcess;
  client: StudioClient;
  stop(): Promise<void>;
}

/** Starts a server on the data dir `name` (created, with its database, on first use). */
async function startServer(name: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const dataDir = `${scratch}${name}`;
  mkdirSync(dataDir, { recursive: true });
  // Logs at `warn`: the run measures the work, not the logging.
  const studio = spawnStudio({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env });
  let exited = false;
  void studio.exited.then(() => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready;) {
    if (exited) throw new Error(`server ${name} exited:\n${studio.output()}`);
    ready = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    studio,
    client: createStudioClient(url),
    async stop() {
      studio.child.kill('SIGTERM');
      await studio.exited;
    },
  };
}

interface Run {
  seconds: number;
  failed: number;
  /** performance.now() of this process when generation was started, and when it settled. */
  startedAt: number;
  settledAt: number;
  /** CPU time of the server process during the run (user + system), ms. */
  serverCpuMs: number;
}

/** CPU time a process has used so far (user + system), ms; Linux only. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second here).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Generates one session; resolves with the wall time from start to the last beat settled. */
async function generate(server: Server, run: string, count = BEATS): Promise<Run> {
  const { client } = server;
  const session = await client.sessions.create.mutate({ source: script(run, count) });
  const settled = new Promise<void>((resolve, reject) => {
    const subscription = client.events.session.subscribe(
      { sessionId: session.id },
      {
        onData: ({ data }) => {
          if (data.type === 'progress' && data.progress.ready + data.progress.failed === count) {
            subscription.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      },
    );
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const pid = server.studio.child.pid!;
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await client.generation.start.mutate({ sessionId: session.id });
  await settled;
  const settledAt = performance.now();
  const serverCpuMs = cpuMs(pid) - cpuBefore;
  const view = await client.sessions.get.query({ sessionId: session.id });
  return {
    seconds: (settledAt - started) / 1000,
    failed: view.beats.filter((beat) => beat.status !== 'ready').length,
    startedAt: started,
    settledAt,
    serverCpuMs,
  };
}

/** Where a run's time over the ideal went, from the stand-in's log of its requests. */
function breakdown(run: Run): string {
  // Only syntheses hold a provider slot; the subscription read at settle is answered at once.
  const requests = standIn.requests.filter(
    (r) =>
      r.path.includes('/text-to-') &&
      r.receivedAt >= run.startedAt &&
      r.answeredAt !== null &&
      r.answeredAt <= run.settledAt,
  );
  const first = Math.min(...requests.map((r) => r.receivedAt));
  const last = Math.max(...requests.map((r) => r.answeredAt!));
  const busy = requests.reduce((sum, r) => sum + (r.answeredAt! - r.receivedAt), 0);
  const overrun = busy / CAP - (requests.length * LATENCY_MS) / CAP;
  const idleSlots = last - first - busy / CAP;
  const over = run.settledAt - run.startedAt - IDEAL_S * 1000;
  const part = (label: string, ms: number) => `${label} ${ms.toFixed(0)} ms`;
  return [
    part('over the ideal', over),
    part('before the first request', first - run.startedAt),
    part('requests slower than the latency (÷ cap)', overrun),
    part('slots idle while beats remained', idleSlots),
    part('after the last answer', run.settledAt - last),
    `${requests.length} requests`,
    `server CPU ${(run.serverCpuMs / BEATS).toFixed(0)} ms per beat`,
  ].join(', ');
}

/** Resident memory of a process now (`VmRSS`) or at its peak so far (`VmHWM`), Linux only. */
function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(status)?.[1]) / 1024;
}

const standIn = await startElevenLabsStandIn({
  latencyMs: LATENCY_MS,
  concurrencyCap: CAP,
  retryAfterSeconds: 0,
});
const provider = {
  ELEVENLABS_API_KEY: standIn.apiKey,
  ELEVENLABS_BASE_URL: standIn.baseUrl,
  // Signal QC runs on every take; speech-recognition QC is off: the stand-in's ear would run in
  // this process, beside the stand-in's voice, and the figures would time the bench itself.
  QC_LISTENING: 'off',
};

try {
  rmSync(scratch, { recursive: true, force: true });
  await bundleServer();
  // The very first start also creates the embedded database (in a short-lived process of its
  // own): measured apart.
  const first = await startServer('concurrent', provider);
  const firstStartPeak = rssMb(first.studio.child.pid!, 'VmHWM');
  await first.stop();

  const concurrent = await startServer('concurrent', provider);
  const idle = rssMb(concurrent.studio.child.pid!, 'VmRSS');
  // A fresh process loads the provider SDK and compiles the MP3 encoder on its first
  // beats: a short warm-up keeps that one-time cost out of the figures.
  const warmUp = await generate(concurrent, 'warm-up', CAP);
  const mains: Run[] = [];
  for (let i = 0; i < RUNS; i++) mains.push(await generate(concurrent, `main-${i + 1}`));
  const breakdowns = mains.map(breakdown);
  standIn.setFailureRate(0.1);
  const faulty = await generate(concurrent, 'faulty');
  standIn.setFailureRate(0);
  const peak = rssMb(concurrent.studio.child.pid!, 'VmHWM');
  await concurrent.stop();

  const sequentialServer = await startServer('sequential', {
    ...provider,
    GENERATION_CONCURRENCY: '1',
  });
  await generate(sequentialServer, 'warm-up-sequential', 1);
  const sequential = await generate(sequentialServer, 'sequential');
  await sequentialServer.stop();

  // The default set-up (no API key): the offline voice, whose WebAssembly runs in the process.
  const localServer = await startServer('local', { TTS_PROVIDER: 'local' });
  const local = await generate(localServer, 'local', LOCAL_BEATS);
  const localPeak = rssMb(localServer.studio.child.pid!, 'VmHWM');
  await localServer.stop();

  // The same run on Postgres: no embedded database in the process.
  const postgresAdminUrl = process.env.TEST_DATABASE_URL;
  let postgresRun: { seconds: number; failed: number; peak: number } | undefined;
  if (postgresAdminUrl) {
    const database = await createScratchPostgresDatabase(postgresAdminUrl);
    try {
      const server = await startServer('postgres', { ...provider, DATABASE_URL: database.url });
      await generate(server, 'warm-up-postgres', CAP);
      const run = await generate(server, 'postgres');
      postgresRun = { ...run, peak: rssMb(server.studio.child.pid!, 'VmHWM') };
      await server.stop();
    } finally {
      await database.drop();
    }
  }

  console.log(`beats: ${BEATS}`);
  console.log(`stand-in latency: ${LATENCY_MS} ms, concurrency cap: ${CAP}`);
  console.log(`ideal wall time: ${IDEAL_S.toFixed(2)} s`);
  console.log(`warm-up (${CAP} beats, first of a fresh process): ${warmUp.seconds.toFixed(2)} s`);
  const ratios = mains.map((run) => run.seconds / IDEAL_S);
  const worst = mains[ratios.indexOf(Math.max(...ratios))]!;
  console.log(`wall time: ${mains.map((run) => run.seconds.toFixed(2)).join(' s, ')} s`);
  console.log(
    `wall time / ideal: ${ratios.map((r) => r.toFixed(2)).join('×, ')}× (worst ${Math.max(...ratios).toFixed(2)}×, target ≤ 1.10× in every run)`,
  );
  breakdowns.forEach((line, i) => console.log(`  run ${i + 1}: ${line}`));
  console.log(`failed beats: ${mains.reduce((n, run) => n + run.failed, 0)}`);
  console.log(`sequential (concurrency 1): ${sequential.seconds.toFixed(2)} s`);
  console.log(`speed-up over sequential: ${(sequential.seconds / worst.seconds).toFixed(2)}×`);
  console.log(`wall time with 10% failures: ${faulty.seconds.toFixed(2)} s`);
  console.log(`failed beats with 10% failures: ${faulty.failed}`);
  console.log(`injected failures retried: ${standIn.counters.failures}`);
  console.log(`server RSS idle before generating: ${idle.toFixed(0)} MB`);
  console.log(`peak server RSS while generating: ${peak.toFixed(0)} MB (target ≤ 200 MB)`);
  console.log(
    `peak server RSS of the first start (creates the database): ${firstStartPeak.toFixed(0)} MB`,
  );
  console.log(`failed beats with the local voice (${LOCAL_BEATS} beats): ${local.failed}`);
  console.log(`peak server RSS with the local voice: ${localPeak.toFixed(0)} MB`);
  if (postgresRun) {
    console.log(`wall time on Postgres: ${postgresRun.seconds.toFixed(2)} s`);
    console.log(`failed beats on Postgres: ${postgresRun.failed}`);
    console.log(`peak server RSS on Postgres: ${postgresRun.peak.toFixed(0)} MB (target < 300 MB)`);
  }
} finally {
  await standIn.close();
  rmSync(scratch, { recursive: true, force: true });
}
