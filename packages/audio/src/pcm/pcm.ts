/** Mono signed 16-bit PCM in memory: the one audio representation inside the pipeline. */

export function msToSamples(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}

export function samplesToMs(samples: number, sampleRate: number): number {
  return (samples * 1000) / sampleRate;
}

export function concatPcm(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Views the samples as little-endian bytes without copying (Node only runs on LE hosts here). */
export function pcmToBytes(pcm: Int16Array): Buffer {
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

/**
 * Views the bytes as samples without copying where they are aligned (a decoded or read buffer
 * of its own); copies the ones at an odd offset (e.g. inside Node's shared Buffer pool).
 */
export function bytesToPcm(bytes: Uint8Array): Int16Array {
  const samples = Math.floor(bytes.byteLength / 2);
  if (bytes.byteOffset % 2 === 0) return new Int16Array(bytes.buffer, bytes.byteOffset, samples);
  const out = new Int16Array(samples);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.byteLength));
  return out;
}

/** Linear ramp up over `length` samples from `start`: a cut inside a waveform must not click. */
export function fadeIn(pcm: Int16Array, start: number, length: number): void {
  for (let i = 0; i < length; i++)
    pcm[start + i] = Math.round((pcm[start + i] ?? 0) * (i / length));
}

/** Linear ramp down over the `length` samples that end at `end` (exclusive). */
export function fadeOut(pcm: Int16Array, end: number, length: number): void {
  for (let i = 0; i < length; i++)
    pcm[end - 1 - i] = Math.round((pcm[end - 1 - i] ?? 0) * (i / length));
}
