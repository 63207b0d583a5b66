import { afterAll, describe, expect, it } from 'vitest';
import { compileMp3Module, openLameStream } from '../src/mp3/lame-stream.js';
import { createMp3EncoderPool, Mp3EncoderError } from '../src/mp3/mp3-encoder-pool.js';
import { decodeToPcm } from '../src/testing/index.js';
import { syntheticSpeech } from '../src/testing/synthetic-speech.js';
import { MP3_SAMPLE_RATE } from '../src/index.js';

const speech = syntheticSpeech('The bag looks the same, the bag is not the same.', {
  sampleRate: 24_000,
  voiceId: 'voice-pool',
  speed: 1,
}).pcm;

describe('the MP3 encoder pool', () => {
  const pool = createMp3EncoderPool({ threads: 2 });
  afterAll(() => pool.close());

  it('encodes a stream written in pieces to the very bytes LAME makes of it in one go', async () => {
    const encoding = pool.open(24_000);
    const third = Math.floor(speech.length / 3);
    encoding.write(speech.subarray(0, third));
    encoding.write(speech.subarray(third, 2 * third));
    encoding.write(speech.subarray(2 * third));
    const pooled = await encoding.end();

    const inThread = await openLameStream(24_000, 128);
    inThread.write(speech);
    expect(pooled.equals(inThread.end())).toBe(true);
    const decoded = await decodeToPcm({ encoded: pooled }, { sampleRate: MP3_SAMPLE_RATE });
    expect(decoded.length).toBe(Math.round((speech.length * MP3_SAMPLE_RATE) / 24_000));
  });

  it('keeps streams of several takes apart', async () => {
    const half = speech.subarray(0, speech.length / 2);
    const streams = [pool.open(24_000), pool.open(24_000), pool.open(24_000)];
    // Interleaved, as takes voiced side by side write their segments.
    for (const stream of streams) stream.write(half);
    streams[1]!.write(half);
    const [a, b, c] = await Promise.all(streams.map((stream) => stream.end()));
    expect(a!.equals(c!)).toBe(true);
    expect(b!.length).toBeGreaterThan(a!.length * 1.5);
  });

  it('fails a stream the encoder refuses, and goes on encoding the others', async () => {
    const refused = pool.open(7);
    refused.write(speech);
    await expect(refused.end()).rejects.toBeInstanceOf(Mp3EncoderError);
    expect((await pool.encode(speech, 24_000)).length).toBeGreaterThan(0);
  });

  it('drops an aborted stream', async () => {
    const aborted = pool.open(24_000);
    aborted.write(speech);
    aborted.abort();
    await expect(aborted.end()).rejects.toBeInstanceOf(Mp3EncoderError);
    expect((await pool.encode(speech, 24_000)).length).toBeGreaterThan(0);
  });
});

describe('a pool given LAME compiled beforehand', () => {
  it('encodes with it to the same bytes', async () => {
    const pool = createMp3EncoderPool({ threads: 1, module: compileMp3Module() });
    try {
      const inThread = await openLameStream(24_000, 128);
      inThread.write(speech);
      expect((await pool.encode(speech, 24_000)).equals(inThread.end())).toBe(true);
    } finally {
      await pool.close();
    }
  });
});

describe('a worker that dies', () => {
  it('fails its streams with a coded error instead of leaving them waiting', async () => {
    // Too little heap to load the encoder: the thread dies mid-stream.
    const pool = createMp3EncoderPool({
      threads: 1,
      resourceLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 },
    });
    try {
      const encoding = pool.open(24_000);
      encoding.write(speech);
      const error = await encoding.end().catch((cause: unknown) => cause);
      expect(error).toBeInstanceOf(Mp3EncoderError);
      expect(error).toMatchObject({ code: 'encoder_failed' });
    } finally {
      await pool.close();
    }
  });

  it('refuses new streams once the pool is closed', async () => {
    const pool = createMp3EncoderPool({ threads: 1 });
    await pool.encode(speech, 24_000);
    await pool.close();
    expect(() => pool.open(24_000)).toThrow(Mp3EncoderError);
  });
});
