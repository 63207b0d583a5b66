/**
 * The generation worker: keeps up to the concurrency limit of jobs in flight, claiming more from
 * the durable queue as soon as a slot frees, and polling for work other processes (or retry
 * back-offs) make available. Jobs carry their own error handling: `run` never rejects.
 */
import { setMaxListeners } from 'node:events';
import type { Logger } from '../logger.js';

export interface WorkerOptions<TJob> {
  /** Claims at most `limit` jobs for this worker. */
  claim(limit: number): Promise<TJob[]>;
  /** `signal` aborts on stop: the job is left to be requeued at the next start. */
  run(job: TJob, signal: AbortSignal): Promise<void>;
  /** Slots available right now (the provider's reported cap may lower it at run time). */
  concurrency(): number;
  /** How often an idle worker looks for work it was not told about. */
  pollMs: number;
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
  const inFlight = new Set<Promise<void>>();
  const newAbortController = () => {
    const controller = new AbortController();
    // Every job in flight, and each of its requests and ffmpeg runs, listens to this one signal.
    setMaxListeners(0, controller.signal);
    return controller;
  };
  let abort = newAbortController();
  let running = false;
  let loop: Promise<void> | null = null;
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
      const task = options.run(job, abort.signal).finally(() => {
        inFlight.delete(task);
        wake();
      });
      inFlight.add(task);
    }
    return jobs.length;
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
      abort = newAbortController();
      loop = runLoop();
    },
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake();
      });
    },
  };
}
