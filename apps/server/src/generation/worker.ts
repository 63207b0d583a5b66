/**
 * The generation worker: keeps up to the concurrency limit of jobs in flight, claiming more from
 * the durable queue as soon as a slot frees, and polling for work other processes (or retry
 * back-offs) make available. While jobs run it renews their leases, and stops a job it no longer
 * holds. Jobs carry their own error handling: `run` never rejects.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from '../logger.js';

export interface WorkerOptions<TJob> {
  /** Claims at most `limit` jobs for this worker. */
  claim(limit: number): Promise<TJob[]>;
  /** `signal` aborts on stop (the job is left to be requeued at the next start) or lost lease. */
  run(job: TJob, signal: AbortSignal): Promise<void>;
  /** Slots available right now (the provider's reported cap may lower it at run time). */
  concurrency(): number;
  /** How often an idle worker looks for work it was not told about. */
  pollMs: number;
  /**
   * Keeps the claims on running jobs alive: every `everyMs`, `renew` gets the jobs in flight and
   * returns those still held. Any other (cancelled, or taken over by another worker after its
   * lease ran out) is aborted here, so no beat is voiced twice at once.
   */
  lease?: { renew(jobs: TJob[]): Promise<TJob[]>; everyMs: number };
  log: Logger;
}

export interface Worker {
  start(): void;
  /** New work was queued in this process: look now rather than at the next poll. */
  wake(): void;
  /** Stops claiming, aborts the jobs in flight and waits for them to settle. */
  stop(): Promise<void>;
  /** Resolves when the queue was found empty with nothing in flight (tests, benches). */
  idle(): Promise<void>;
}

export function createWorker<TJob>(options: WorkerOptions<TJob>): Worker {
  const inFlight = new Map<Promise<void>, { job: TJob; abort: AbortController }>();
  let running = false;
  let loop: Promise<void> | null = null;
  let renewal: ReturnType<typeof setInterval> | undefined;
  let renewing = false;
  let wakeUp: (() => void) | null = null;
  let woken = false;
  const idleWaiters: (() => void)[] = [];

  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  async function claimFree(): Promise<number> {
    const free = options.concurrency() - inFlight.size;
    if (free <= 0) return 0;
    const jobs = await options.claim(free);
    for (const job of jobs) {
      const abort = new AbortController();
      // The job's requests and ffmpeg runs all listen to this one signal.
      setMaxListeners(0, abort.signal);
      const task = options.run(job, abort.signal).finally(() => {
        inFlight.delete(task);
        wake();
      });
      inFlight.set(task, { job, abort });
    }
    return jobs.length;
  }

  async function renewLeases(renew: (jobs: TJob[]) => Promise<TJob[]>) {
    const current = [...inFlight];
    if (renewing || current.length === 0) return;
    renewing = true;
    try {
      const held = new Set(await renew(current.map(([, { job }]) => job)));
      for (const [task, { job, abort }] of current) {
        // A job that finished meanwhile is no longer held, and needs no stopping.
        if (held.has(job) || !inFlight.has(task) || abort.signal.aborted) continue;
        options.log.warn({ job }, 'lost the claim on a running job: stopping it here');
        abort.abort();
      }
    } catch (error) {
      // The database may be briefly unreachable: the leases outlast a few missed renewals.
      options.log.error({ err: error }, 'renewing job leases failed');
    } finally {
      renewing = false;
    }
  }

  async function runLoop() {
    while (running) {
      woken = false;
      try {
        const claimed = await claimFree();
        if (claimed === 0 && inFlight.size === 0)
          idleWaiters.splice(0).forEach((resolve) => resolve());
      } catch (error) {
        // The database may be briefly unreachable: keep the worker alive and try again.
        options.log.error({ err: error }, 'claiming generation jobs failed');
      }
      if (running) await sleep(options.pollMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = runLoop();
      const { lease } = options;
      if (lease) renewal = setInterval(() => void renewLeases(lease.renew), lease.everyMs);
    },
    wake,
    async stop() {
      running = false;
      clearInterval(renewal);
      wake();
      await loop;
      for (const { abort } of inFlight.values()) abort.abort();
      await Promise.allSettled([...inFlight.keys()]);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
  };
}
