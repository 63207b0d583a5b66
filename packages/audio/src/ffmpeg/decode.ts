import { bytesToPcm } from '../pcm/pcm.js';
import { withAudioInput, type AudioSource } from './audio-input.js';
import { runFfmpeg, type FfmpegOptions } from './run-ffmpeg.js';

export interface DecodeOptions extends FfmpegOptions {
  sampleRate: number;
}

/** Any audio → mono s16le samples at `sampleRate`, in one ffmpeg process. */
export async function decodeToPcm(
  source: AudioSource,
  options: DecodeOptions,
): Promise<Int16Array> {
  const { stdout } = await withAudioInput(
    source,
    (input) =>
      runFfmpeg({
        input,
        output: 'stdout',
        outputOptions: ['-ac', '1', '-ar', String(options.sampleRate), '-f', 's16le'],
        ffmpegPath: options.ffmpegPath,
        signal: options.signal,
      }),
    options.tempDir,
  );
  return bytesToPcm(stdout);
}
