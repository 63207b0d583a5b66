import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcmToBytes } from '../pcm/pcm.js';
import type { FfmpegInput } from './run-ffmpeg.js';

/** Audio handed to ffmpeg: samples in memory, encoded bytes (an MP3), or a file. */
export type AudioSource =
  { pcm: Int16Array; sampleRate: number } | { encoded: Uint8Array } | { path: string };

/** A scratch file removed afterwards, whatever happens. */
export async function withTempPath<T>(
  extension: string,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const path = join(tmpdir(), `studio-audio-${randomUUID()}.${extension}`);
  try {
    return await use(path);
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * PCM goes through stdin. Encoded bytes go through a file: ffmpeg only drops an MP3's
 * encoder padding at the end when it can read the file, not a pipe.
 */
export async function withAudioInput<T>(
  source: AudioSource,
  use: (input: FfmpegInput) => Promise<T>,
): Promise<T> {
  if ('pcm' in source) {
    return use({
      source: pcmToBytes(source.pcm),
      options: ['-f', 's16le', '-ar', String(source.sampleRate), '-ac', '1'],
    });
  }
  if ('path' in source) return use({ source: { path: source.path } });
  return withTempPath('bin', async (path) => {
    await writeFile(path, source.encoded);
    return use({ source: { path } });
  });
}
