/**
 * The LAME "Info" frame that makes an MP3 gapless: a silent first frame whose tag tells decoders
 * (ffmpeg, browsers) how many samples the encoder added before and after the audio, so they
 * return exactly the samples that went in. LAME's library API leaves writing it to the caller.
 * Layout: the Xing/Info header, then the LAME extension (delay and padding are 12 bits each).
 */

/** Layer III bitrates by header index (0 is free format, 15 invalid): MPEG-1, then MPEG-2/2.5. */
const BITRATES_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  lsf: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
/** Sample rates by header index, by the version bits of the header (1 is reserved). */
const SAMPLE_RATES = {
  0b11: [44_100, 48_000, 32_000], // MPEG-1
  0b10: [22_050, 24_000, 16_000], // MPEG-2
  0b00: [11_025, 12_000, 8_000], // MPEG-2.5
} as const;
export type Mp3SampleRate = (typeof SAMPLE_RATES)[keyof typeof SAMPLE_RATES][number];
const MP3_SAMPLE_RATES: readonly number[] = Object.values(SAMPLE_RATES).flat();

/** Whether an MP3 can hold this sample rate: a source at one is encoded without resampling. */
export const isMp3SampleRate = (rate: number): rate is Mp3SampleRate =>
  MP3_SAMPLE_RATES.includes(rate);

interface FrameHeader {
  bitrateKbps: number;
  sampleRate: number;
  padding: number;
  mono: boolean;
  length: number;
  /** 1152 for MPEG-1, 576 for MPEG-2 and 2.5 (their lower sample rates). */
  samplesPerFrame: number;
  /** Bytes of side information after the header (zeroed in the Info frame). */
  sideInfo: number;
}

/** Reads a Layer III frame header (MPEG-1, 2 or 2.5) at `at`; null when there is none. */
export function readFrameHeader(bytes: Uint8Array, at: number): FrameHeader | null {
  if (at + 4 > bytes.length) return null;
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = bytes.subarray(at, at + 4);
  // Sync word, Layer III.
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0 || (b1 & 0b110) !== 0b010) return null;
  const version = (b1 >> 3) & 0b11;
  const rates: readonly number[] | undefined = SAMPLE_RATES[version as keyof typeof SAMPLE_RATES];
  if (!rates) return null;
  const mpeg1 = version === 0b11;
  const bitrateKbps = (mpeg1 ? BITRATES_KBPS.mpeg1 : BITRATES_KBPS.lsf)[b2 >> 4] ?? 0;
  const sampleRate = rates[(b2 >> 2) & 0b11] ?? 0;
  if (bitrateKbps === 0 || sampleRate === 0) return null;
  const padding = (b2 >> 1) & 1;
  const mono = b3 >> 6 === 0b11;
  const samplesPerFrame = mpeg1 ? 1152 : 576;
  const length = Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  return { bitrateKbps, sampleRate, padding, mono, length, samplesPerFrame, sideInfo };
}

/** The number of frames in a stream of back-to-back Layer III frames. */
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

/** The Xing/Info header and the LAME extension, in bytes. */
const TAG_BYTES = 120 + 36;

/**
 * The stream's first header, without its padding byte, at the lowest bitrate from the stream's up
 * whose frame holds `needed` bytes: as LAME does, a low-bitrate stream gets a larger Info frame
 * (decoders skip it whatever its bitrate).
 */
function infoHeader(first: Uint8Array, needed: number): { bytes: Uint8Array; length: number } {
  const bytes = Uint8Array.from(first);
  bytes[2] = (bytes[2] ?? 0) & ~0b10;
  for (let index = (bytes[2] ?? 0) >> 4; index < 15; index++) {
    bytes[2] = (index << 4) | ((bytes[2] ?? 0) & 0x0f);
    const header = readFrameHeader(bytes, 0);
    if (header && header.length >= needed) return { bytes, length: header.length };
  }
  throw new Error('No MP3 bitrate makes a frame large enough for the Info tag');
}

/** The Info frame to put in front of `audio` (CBR, so the table of contents is linear). */
export function infoFrame({ audio, encoderDelay, samples }: InfoFrameInput): Uint8Array {
  const first = readFrameHeader(audio, 0);
  if (!first) throw new Error('The encoder returned no MP3 frame');
  const frames = countFrames(audio);
  const padding = frames * first.samplesPerFrame - encoderDelay - samples;
  if (padding < 0 || padding > 0xfff || encoderDelay > 0xfff) {
    throw new Error(`MP3 delay ${encoderDelay} and padding ${padding} do not fit the LAME tag`);
  }
  const header = infoHeader(audio.subarray(0, 4), 4 + first.sideInfo + TAG_BYTES);
  const length = header.length;
  const frame = new Uint8Array(length);
  const view = new DataView(frame.buffer);
  frame.set(header.bytes);
  let at = 4 + first.sideInfo; // after the (zeroed) side information
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
