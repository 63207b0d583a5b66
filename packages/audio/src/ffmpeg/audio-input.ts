import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcmToBytes } from '../pcm/pcm.js';
import type { FfmpegInput } from './run-ffmpeg.js';

/** Audio handed to ffmpeg: samples in memory, encoded bytes (an MP3), or a file. */
export type AudioSource =
  { pcm: Int16Array; sampleRate: number } | { encoded: Uint8Array } | { path: string };

/**
 * A scratch file in `dir` (the system's temp folder when none is given), removed afterwards,
 * whatever happens — except a kill, which is why the studio passes a folder it sweeps at start.
 */
export async function withTempPath<T>(
  dir: string | undefined,
  extension: string,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const folder = dir ?? tmpdir();
  await mkdir(folder, { recursive: true });
  const path = join(folder, `studio-audio-${randomUUID()}.${extension}`);
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
  tempDir?: string,
): Promise<T> {
  if ('pcm' in source) {
    return use({
      source: pcmToBytes(source.pcm),
      options: ['-f', 's16le', '-ar', String(source.sampleRate), '-ac', '1'],
    });
  }
  if ('path' in source) return use({ source: { path: source.path } });
  return withTempPath(tempDir, 'bin', async (path) => {
    await writeFile(path, source.encoded);
    return use({ source: { path } });
  });
}
