import { createMp3Encoder } from 'wasm-media-encoders';
import { infoFrame } from './info-frame.js';

export const MP3_SAMPLE_RATE = 44_100;
export const DEFAULT_BITRATE_KBPS = 128;

/** Constant bitrates of MPEG-1 Layer III (a 44.1 kHz MP3) that the encoder accepts. */
export type Mp3Bitrate = 32 | 40 | 48 | 64 | 80 | 96 | 112 | 128 | 160 | 192 | 224 | 256 | 320;

export interface EncodeMp3Options {
  bitrateKbps?: Mp3Bitrate;
}

/** LAME's encoder delay (`lame_get_encoder_delay`), in output samples. */
const LAME_ENCODER_DELAY = 576;
/** Samples handed to the encoder per call: bounds the WASM memory a long master needs. */
const CHUNK_SAMPLES = 1 << 16;

type Encoder = Awaited<ReturnType<typeof createMp3Encoder>>;
let shared: Promise<Encoder> | undefined;

/**
 * PCM → MP3 44.1 kHz mono CBR, in process: LAME compiled to WASM (the encoder ffmpeg used,
 * resampling included), so a take costs no process spawn. The LAME Info frame in front carries
 * the encoder delay and padding: decoders return exactly the samples that went in.
 */
export async function encodeMp3(
  pcm: Int16Array,
  sampleRate: number,
  options: EncodeMp3Options = {},
): Promise<Buffer> {
  // Compiled once per process (~35 ms). Everything below is synchronous: callers share it.
  const encoder = await (shared ??= createMp3Encoder());
  encoder.configure({
    sampleRate,
    channels: 1,
    bitrate: options.bitrateKbps ?? DEFAULT_BITRATE_KBPS,
    outputSampleRate: MP3_SAMPLE_RATE,
  });
  const parts: Uint8Array[] = [];
  const floats = new Float32Array(Math.min(CHUNK_SAMPLES, pcm.length));
  for (let start = 0; start < pcm.length; start += CHUNK_SAMPLES) {
    const chunk = pcm.subarray(start, start + CHUNK_SAMPLES);
    for (let i = 0; i < chunk.length; i++) floats[i] = (chunk[i] ?? 0) / 32_768;
    // The encoder owns the returned bytes until its next call: copy them.
    parts.push(encoder.encode([floats.subarray(0, chunk.length)]).slice());
  }
  parts.push(encoder.finalize().slice());
  const audio = Buffer.concat(parts);
  const samples = Math.round((pcm.length * MP3_SAMPLE_RATE) / sampleRate);
  return Buffer.concat([infoFrame({ audio, encoderDelay: LAME_ENCODER_DELAY, samples }), audio]);
}
