/**
 * MP3 encoding off the main thread: a pool of worker threads running LAME. A take's stream is
 * opened on one worker and fed segment by segment while the next segment is still being voiced;
 * the event loop only copies samples in and gets the file back. Workers start on demand (one
 * per stream in flight, up to `threads`), are unref'd while idle and terminated by `close`. A
 * worker that fails or dies fails its streams with `Mp3EncoderError`, never leaves them hanging.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DEFAULT_BITRATE_KBPS, type Mp3Bitrate, type Mp3Module } from './lame-stream.js';
import type { FromWorker, ToWorker } from './mp3-worker-protocol.js';

export class Mp3EncoderError extends Error {
  override readonly name = 'Mp3EncoderError';
  readonly code = 'encoder_failed';
}

export interface EncodeMp3Options {
  bitrateKbps?: Mp3Bitrate | undefined;
}

/** One MP3 being encoded on a worker. */
export interface Mp3Encoding {
  /** Sends the samples (a copy) to be encoded now. */
  write(pcm: Int16Array): void;
  /** The whole MP3 once the samples written so far are encoded. */
  end(): Promise<Buffer>;
  /** Drops the stream (its take failed): no output, its encoder freed. */
  abort(): void;
}

export interface Mp3Encoder {
  open(sampleRate: number, options?: EncodeMp3Options): Mp3Encoding;
  /** A whole buffer in one go. */
  encode(pcm: Int16Array, sampleRate: number, options?: EncodeMp3Options): Promise<Buffer>;
  /** Terminates the workers; streams still open fail. */
  close(): Promise<void>;
}

export interface Mp3EncoderPoolOptions {
  /** Worker threads at most; default one per core but one, which the event loop keeps. */
  threads?: number;
  /** Each worker's heap bounds: a worker past them dies, and fails only its own streams. */
  resourceLimits?: ResourceLimits;
  /** LAME compiled beforehand (`compileMp3Module`), shared by every worker. */
  module?: Mp3Module;
}

/**
 * A worker's heap: samples and MP3 bytes live outside it (array buffers), so a small young
 * generation keeps each thread's memory low without slowing LAME.
 */
const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

interface Stream {
  resolve(mp3: Buffer): void;
  reject(error: Mp3EncoderError): void;
}

interface Slot {
  worker: Worker;
  streams: Map<number, Stream>;
}

/**
 * Bundled (`pnpm start`), the worker is the JavaScript file beside the bundle. From source (tsx,
 * vitest) it is TypeScript: a bootstrap registers tsx's loader in the thread, then loads it.
 */
function startWorker(resourceLimits: ResourceLimits, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./mp3-worker.mjs', import.meta.url), { resourceLimits, workerData });
  }
  const tsx = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsx, 'dist/esm/api/index.mjs')).href;
  const script = new URL('./mp3-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  // tsx's transform cache would go to the system temp folder; the worker's few files need none.
  const env = { ...process.env, TSX_DISABLE_CACHE: '1' };
  return new Worker(bootstrap, { eval: true, resourceLimits, env, workerData });
}

export function createMp3EncoderPool(options: Mp3EncoderPoolOptions = {}): Mp3Encoder {
  const threads = Math.max(1, options.threads ?? availableParallelism() - 1);
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  function retire(slot: Slot, reason: string): void {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    for (const stream of slot.streams.values()) stream.reject(new Mp3EncoderError(reason));
    slot.streams.clear();
  }

  function spawn(): Slot {
    const worker = startWorker(options.resourceLimits ?? WORKER_LIMITS, options.module);
    const slot: Slot = { worker, streams: new Map() };
    worker.on('message', (message: FromWorker) => {
      const stream = slot.streams.get(message.id);
      if (!stream) return;
      slot.streams.delete(message.id);
      if (slot.streams.size === 0) worker.unref();
      if (message.type === 'done') {
        stream.resolve(
          Buffer.from(message.mp3.buffer, message.mp3.byteOffset, message.mp3.byteLength),
        );
      } else {
        stream.reject(new Mp3EncoderError(`MP3 encoding failed: ${message.message}`));
      }
    });
    worker.on('error', (error) => retire(slot, `The MP3 encoder thread failed: ${error.message}`));
    worker.on('exit', (code) => retire(slot, `The MP3 encoder thread exited (code ${code})`));
    slots.push(slot);
    return slot;
  }

  /** The least busy worker; a new one while every worker has a stream and more may start. */
  function pick(): Slot {
    const quietest = slots.reduce<Slot | undefined>(
      (best, slot) => (!best || slot.streams.size < best.streams.size ? slot : best),
      undefined,
    );
    if (quietest && (quietest.streams.size === 0 || slots.length >= threads)) return quietest;
    return spawn();
  }

  function open(sampleRate: number, { bitrateKbps }: EncodeMp3Options = {}): Mp3Encoding {
    if (closed) throw new Mp3EncoderError('The MP3 encoder pool is closed');
    const id = nextId++;
    const slot = pick();
    const send = (message: ToWorker) => slot.worker.postMessage(message);
    const result = new Promise<Buffer>((resolve, reject) => {
      slot.streams.set(id, { resolve, reject });
    });
    // Read at `end`; a failure before then must not count as unhandled.
    result.catch(() => {});
    slot.worker.ref();
    send({ type: 'open', id, sampleRate, bitrateKbps: bitrateKbps ?? DEFAULT_BITRATE_KBPS });
    return {
      write(pcm) {
        if (!slot.streams.has(id)) return;
        // One copy, handed over whole: a view's neighbouring samples never travel with it.
        const copy = pcm.slice();
        slot.worker.postMessage({ type: 'write', id, pcm: copy } satisfies ToWorker, [copy.buffer]);
      },
      end() {
        if (slot.streams.has(id)) send({ type: 'end', id });
        return result;
      },
      abort() {
        const stream = slot.streams.get(id);
        if (!stream) return;
        send({ type: 'abort', id });
        stream.reject(new Mp3EncoderError('The MP3 stream was aborted'));
        slot.streams.delete(id);
        if (slot.streams.size === 0) slot.worker.unref();
      },
    };
  }

  return {
    open,
    async encode(pcm, sampleRate, options) {
      const encoding = open(sampleRate, options);
      encoding.write(pcm);
      return encoding.end();
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
