import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { createEncoder, createMp3Encoder } from 'wasm-media-encoders';
import { infoFrame, isMp3SampleRate } from './info-frame.js';

/** The rate exports are mixed and encoded at, and a source at no MP3 rate is resampled to. */
export const MP3_SAMPLE_RATE = 44_100;
/** The highest bitrate of MPEG-2 and 2.5, the MP3s below 32 kHz. */
const LSF_MAX_BITRATE_KBPS = 160;
export const DEFAULT_BITRATE_KBPS = 128;

/** Constant bitrates the encoder accepts (below 32 kHz, MPEG-2 caps them at 160). */
export type Mp3Bitrate = 32 | 40 | 48 | 64 | 80 | 96 | 112 | 128 | 160 | 192 | 224 | 256 | 320;

/** LAME's encoder delay (`lame_get_encoder_delay`), in output samples. */
const LAME_ENCODER_DELAY = 576;
/** Samples handed to the encoder per call: bounds the WASM memory a long master needs. */
const CHUNK_SAMPLES = 1 << 16;
/** Idle LAME instances kept for the next streams (each holds a 16 MB WebAssembly memory). */
const KEEP_IDLE = 1;

type Lame = Awaited<ReturnType<typeof createMp3Encoder>>;
const idle: Lame[] = [];

/** A compiled `WebAssembly.Module` of LAME (Node's types, without the DOM's, leave it out). */
export type Mp3Module = object;
const { Module: WasmModule } = (
  globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => Mp3Module } }
).WebAssembly;

/** Whether a value handed over (e.g. as a worker's data) is a compiled module. */
export const isMp3Module = (value: unknown): value is Mp3Module => value instanceof WasmModule;

/**
 * LAME's WebAssembly, compiled now. A process that keeps WebAssembly on baseline code
 * (`--liftoff-only`, for PGlite's memory) compiles this first: a module compiled before the flag
 * keeps its optimizing tier, and encodes in about half the time. Its package must resolve from
 * the caller's file (the server bundle lists it as a dependency).
 */
export function compileMp3Module(): Mp3Module {
  const path = createRequire(import.meta.url).resolve('wasm-media-encoders/wasm/mp3');
  return new WasmModule(readFileSync(path));
}

/** One MP3 being encoded in this thread: PCM in as it comes, the whole file out at the end. */
export interface LameStream {
  write(pcm: Int16Array): void;
  /** The MP3, Info frame first. The stream is done (and its encoder free) after it. */
  end(): Buffer;
  /** Drops the stream without output (its take failed). */
  abort(): void;
}

/**
 * PCM → MP3 mono CBR in this thread, at the source's rate when an MP3 can hold it: LAME compiled
 * to WASM (the encoder ffmpeg used, resampling included), so a take costs no process spawn. Each open stream holds its own LAME
 * instance (its state runs across writes); finished ones are reused. The LAME Info frame in front
 * carries the encoder delay and padding: decoders return exactly the samples that went in.
 */
export async function openLameStream(
  sampleRate: number,
  bitrateKbps: Mp3Bitrate,
  /** LAME compiled beforehand (`compileMp3Module`); else the package compiles its own. */
  module?: Mp3Module,
): Promise<LameStream> {
  // A new instance costs ~35 ms (compiling, without `module`): the next stream reuses it.
  const lame =
    idle.pop() ?? (await (module ? createEncoder('audio/mpeg', module) : createMp3Encoder()));
  // A source at an MP3 rate (every rate ElevenLabs and eSpeak give) is kept: resampling adds
  // nothing above the source's band, and LAME encodes its own rate over twice as fast.
  const outputSampleRate = isMp3SampleRate(sampleRate) ? sampleRate : MP3_SAMPLE_RATE;
  lame.configure({
    sampleRate,
    channels: 1,
    bitrate:
      outputSampleRate < 32_000
        ? (Math.min(bitrateKbps, LSF_MAX_BITRATE_KBPS) as Mp3Bitrate)
        : bitrateKbps,
    outputSampleRate,
  });
  const parts: Uint8Array[] = [];
  let samples = 0;
  let floats = new Float32Array(0);
  let open = true;
  const release = () => {
    open = false;
    if (idle.length < KEEP_IDLE) idle.push(lame);
  };
  return {
    write(pcm) {
      if (!open) throw new Error('The MP3 stream is closed');
      samples += pcm.length;
      if (floats.length < Math.min(CHUNK_SAMPLES, pcm.length)) {
        floats = new Float32Array(Math.min(CHUNK_SAMPLES, pcm.length));
      }
      for (let start = 0; start < pcm.length; start += CHUNK_SAMPLES) {
        const chunk = pcm.subarray(start, start + CHUNK_SAMPLES);
        for (let i = 0; i < chunk.length; i++) floats[i] = (chunk[i] ?? 0) / 32_768;
        // The encoder owns the returned bytes until its next call: copy them.
        parts.push(lame.encode([floats.subarray(0, chunk.length)]).slice());
      }
    },
    end() {
      if (!open) throw new Error('The MP3 stream is closed');
      parts.push(lame.finalize().slice());
      release();
      const audio = Buffer.concat(parts);
      const outSamples = Math.round((samples * outputSampleRate) / sampleRate);
      const info = infoFrame({ audio, encoderDelay: LAME_ENCODER_DELAY, samples: outSamples });
      return Buffer.concat([info, audio]);
    },
    abort() {
      if (open) release();
    },
  };
}
