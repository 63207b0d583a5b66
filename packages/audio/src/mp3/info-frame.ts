/**
 * The LAME "Info" frame that makes an MP3 gapless: a silent first frame whose tag tells decoders
 * (ffmpeg, browsers) how many samples the encoder added before and after the audio, so they
 * return exactly the samples that went in. LAME's library API leaves writing it to the caller.
 * Layout: the Xing/Info header, then the LAME extension (delay and padding are 12 bits each).
 */

/** Samples of MPEG-1 Layer III per frame. */
export const SAMPLES_PER_FRAME = 1152;

/** MPEG-1 Layer III bitrates by header index (index 0 is free format, 15 is invalid). */
const BITRATES_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const SAMPLE_RATES = [44_100, 48_000, 32_000];

interface FrameHeader {
  bitrateKbps: number;
  sampleRate: number;
  padding: number;
  mono: boolean;
  length: number;
}

/** Reads an MPEG-1 Layer III frame header at `at`; null when there is none. */
export function readFrameHeader(bytes: Uint8Array, at: number): FrameHeader | null {
  if (at + 4 > bytes.length) return null;
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes.subarray(at, at + 4);
  // Sync word, MPEG-1, Layer III.
  if (b0 !== 0xff || (b1 & 0xfe) !== 0xfa) return null;
  const bitrateKbps = BITRATES_KBPS[b2 >> 4] ?? 0;
  const sampleRate = SAMPLE_RATES[(b2 >> 2) & 0b11] ?? 0;
  if (bitrateKbps === 0 || sampleRate === 0) return null;
  const padding = (b2 >> 1) & 1;
  const length = Math.floor((144_000 * bitrateKbps) / sampleRate) + padding;
  return { bitrateKbps, sampleRate, padding, mono: b3 >> 6 === 0b11, length };
}

/** The number of frames in a stream of back-to-back MPEG-1 Layer III frames. */
export function countFrames(bytes: Uint8Array): number {
  let frames = 0;
  for (let at = 0; at < bytes.length; frames++) {
    const header = readFrameHeader(bytes, at);
    if (!header) throw new Error(`No MP3 frame header at byte ${at}`);
    at += header.length;
  }
  return frames;
}

/** CRC-16 (polynomial 0x8005, reflected), the checksum of the LAME tag. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export interface InfoFrameInput {
  /** The stream's frames, right after the encoder: the Info frame copies the first header. */
  audio: Uint8Array;
  /** Samples the encoder put before the audio (LAME: 576). */
  encoderDelay: number;
  /** Samples of audio the stream holds, at the stream's sample rate. */
  samples: number;
}

/** The Info frame to put in front of `audio` (CBR, so the table of contents is linear). */
export function infoFrame({ audio, encoderDelay, samples }: InfoFrameInput): Uint8Array {
  const first = readFrameHeader(audio, 0);
  if (!first) throw new Error('The encoder returned no MP3 frame');
  const frames = countFrames(audio);
  const padding = frames * SAMPLES_PER_FRAME - encoderDelay - samples;
  if (padding < 0 || padding > 0xfff || encoderDelay > 0xfff) {
    throw new Error(`MP3 delay ${encoderDelay} and padding ${padding} do not fit the LAME tag`);
  }
  const length = first.length - first.padding;
  const frame = new Uint8Array(length);
  const view = new DataView(frame.buffer);
  frame.set(audio.subarray(0, 4));
  frame[2] = (frame[2] ?? 0) & ~0b10; // no padding byte
  let at = 4 + (first.mono ? 17 : 32); // after the (zeroed) side information
  const ascii = (text: string) => {
    for (const char of text) frame[at++] = char.charCodeAt(0);
  };
  ascii('Info');
  view.setUint32(at, 0b1111); // frames, bytes, table of contents, quality
  view.setUint32(at + 4, frames);
  view.setUint32(at + 8, length + audio.length);
  at += 12;
  for (let i = 0; i < 100; i++) frame[at++] = Math.floor((i * 256) / 100);
  view.setUint32(at, 0);
  at += 4;
  ascii('LAME3.100');
  frame[at++] = 0x01; // tag revision 0, constant bitrate
  at += 1 + 4 + 2 + 2 + 1; // lowpass, peak, radio and audiophile gain, flags
  frame[at++] = Math.min(255, first.bitrateKbps);
  frame[at++] = encoderDelay >> 4;
  frame[at++] = ((encoderDelay & 0xf) << 4) | (padding >> 8);
  frame[at++] = padding & 0xff;
  at += 1 + 1 + 2; // misc, gain, preset
  view.setUint32(at, length + audio.length);
  at += 4 + 2; // music length, music CRC (optional, left 0)
  view.setUint16(at, crc16(frame.subarray(0, at)));
  return frame;
}
