/** The messages between an MP3 encoder pool and its worker threads: one stream per `id`. */
import type { Mp3Bitrate } from './lame-stream.js';

export type ToWorker =
  | { type: 'open'; id: number; sampleRate: number; bitrateKbps: Mp3Bitrate }
  | { type: 'write'; id: number; pcm: Int16Array }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number };

export type FromWorker =
  { type: 'done'; id: number; mp3: Uint8Array } | { type: 'failed'; id: number; message: string };
