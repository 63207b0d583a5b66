/**
 * A worker thread of the MP3 encoder pool: runs LAME on the streams the pool opens here, in the
 * order their messages come, and answers each stream once (its MP3, or why it failed).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isMp3Module, openLameStream, type LameStream } from './lame-stream.js';
import type { FromWorker, ToWorker } from './mp3-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('mp3-worker runs as a worker thread');
/** LAME compiled by the pool's owner (`compileMp3Module`), or nothing: compiled here. */
const module = isMp3Module(workerData) ? workerData : undefined;

/** Each stream's work so far: a chain, so its messages run in order while LAME loads. */
const streams = new Map<number, Promise<LameStream>>();

function answer(message: FromWorker): void {
  if (message.type !== 'done') return port!.postMessage(message);
  // Handed over, not copied; a small Buffer may sit in Node's shared pool, which must stay here.
  const { mp3 } = message;
  const own = mp3.byteOffset === 0 && mp3.byteLength === mp3.buffer.byteLength;
  const bytes = own ? mp3 : new Uint8Array(mp3);
  port!.postMessage({ ...message, mp3: bytes }, [bytes.buffer as ArrayBuffer]);
}

function fail(id: number, error: unknown): void {
  // Answered once: later messages of the stream find it gone and are dropped.
  if (!streams.delete(id)) return;
  answer({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
}

port.on('message', (message: ToWorker) => {
  const { id } = message;
  if (message.type === 'open') {
    streams.set(id, openLameStream(message.sampleRate, message.bitrateKbps, module));
  }
  const stream = streams.get(id);
  if (!stream) return;
  const next = stream.then((lame) => {
    if (message.type === 'write') lame.write(message.pcm);
    if (message.type === 'abort') {
      lame.abort();
      streams.delete(id);
    }
    if (message.type === 'end') {
      const mp3 = lame.end();
      streams.delete(id);
      answer({ type: 'done', id, mp3 });
    }
    return lame;
  });
  streams.set(id, next);
  next.catch((error: unknown) => {
    stream.then(
      (lame) => lame.abort(),
      () => {},
    );
    fail(id, error);
  });
});
