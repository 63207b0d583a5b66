import { readFile } from 'node:fs/promises';
import { withAudioInput, withTempPath } from './audio-input.js';
import { runFfmpeg, type FfmpegOptions } from './run-ffmpeg.js';

export const MP3_SAMPLE_RATE = 44_100;
export const DEFAULT_BITRATE_KBPS = 128;

export interface EncodeMp3Options extends FfmpegOptions {
  bitrateKbps?: number;
}

/**
 * PCM → MP3 44.1 kHz mono in one ffmpeg process (resampling included). The MP3 is written to a
 * file, not a pipe, so the muxer can go back and fill in the LAME header's encoder delay and
 * padding: decoders then return exactly the samples that went in.
 */
export function encodeMp3(
  pcm: Int16Array,
  sampleRate: number,
  options: EncodeMp3Options = {},
): Promise<Buffer> {
  const bitrate = options.bitrateKbps ?? DEFAULT_BITRATE_KBPS;
  return withTempPath(options.tempDir, 'mp3', (path) =>
    withAudioInput(
      { pcm, sampleRate },
      async (input) => {
        await runFfmpeg({
          input,
          output: { path },
          outputOptions: ['-ar', String(MP3_SAMPLE_RATE), '-ac', '1', '-c:a', 'libmp3lame'].concat([
            '-b:a',
            `${bitrate}k`,
            '-f',
            'mp3',
          ]),
          ffmpegPath: options.ffmpegPath,
          signal: options.signal,
        });
        return readFile(path);
      },
      options.tempDir,
    ),
  );
}
