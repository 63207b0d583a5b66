import {
  createMp3EncoderPool,
  type EncodeMp3Options,
  type Mp3Encoder,
} from './mp3-encoder-pool.js';

export type { EncodeMp3Options } from './mp3-encoder-pool.js';
export type { Mp3Module } from './lame-stream.js';
export {
  compileMp3Module,
  DEFAULT_BITRATE_KBPS,
  MP3_SAMPLE_RATE,
  type Mp3Bitrate,
} from './lame-stream.js';

let shared: Mp3Encoder | undefined;

/**
 * The process's default pool, for callers that bring none (the bench, tools): started on first
 * use; its idle workers never keep the process alive. A studio owns and closes its own.
 */
export function sharedMp3Encoder(): Mp3Encoder {
  return (shared ??= createMp3EncoderPool());
}

/** PCM → MP3 mono CBR (at `sampleRate` when an MP3 can hold it) on a worker thread (`encoder`, or the shared pool). */
export async function encodeMp3(
  pcm: Int16Array,
  sampleRate: number,
  options: EncodeMp3Options & { encoder?: Mp3Encoder | undefined } = {},
): Promise<Buffer> {
  return (options.encoder ?? sharedMp3Encoder()).encode(pcm, sampleRate, options);
}
