import { describe, expect, it } from 'vitest';
import { encodeMp3, MP3_SAMPLE_RATE } from '../src/mp3/encode-mp3.js';
import { countFrames, readFrameHeader } from '../src/mp3/info-frame.js';
import { ffmpegProcessCount } from '../src/index.js';
import { decodeToPcm } from '../src/testing/index.js';

/** Silence with a 40-sample click in the middle, to find where the audio lands after decoding. */
function clicked(samples: number): { pcm: Int16Array; clickAt: number } {
  const pcm = new Int16Array(samples);
  const clickAt = Math.floor(samples / 2);
  pcm.fill(20_000, clickAt, clickAt + 40);
  return { pcm, clickAt };
}

function loudestAt(pcm: Int16Array): number {
  let at = 0;
  for (let i = 0; i < pcm.length; i++) if (Math.abs(pcm[i]!) > Math.abs(pcm[at]!)) at = i;
  return at;
}

describe('encodeMp3', () => {
  it.each([22_050, 24_000, 44_100])(
    'decodes to exactly the samples that went in, in place (%i Hz in)',
    async (sampleRate) => {
      const { pcm, clickAt } = clicked(sampleRate * 2 + 17);
      const before = ffmpegProcessCount();
      const mp3 = await encodeMp3(pcm, sampleRate);
      expect(ffmpegProcessCount()).toBe(before);
      // Kept at the source's rate: nothing to resample.
      expect(readFrameHeader(mp3, 0)?.sampleRate).toBe(sampleRate);
      const native = await decodeToPcm({ encoded: mp3 }, { sampleRate });
      expect(native.length).toBe(pcm.length);

      const decoded = await decodeToPcm({ encoded: mp3 }, { sampleRate: MP3_SAMPLE_RATE });
      const ratio = MP3_SAMPLE_RATE / sampleRate;
      // ffmpeg's resampler rounds the last sample its own way.
      expect(Math.abs(decoded.length - pcm.length * ratio)).toBeLessThanOrEqual(1);
      const click = loudestAt(decoded);
      expect(click).toBeGreaterThanOrEqual(Math.floor(clickAt * ratio) - 2);
      expect(click).toBeLessThanOrEqual(Math.ceil((clickAt + 40) * ratio) + 2);
    },
  );

  it('resamples a source at a rate no MP3 holds to 44.1 kHz', async () => {
    const { pcm } = clicked(30_000);
    const mp3 = await encodeMp3(pcm, 30_000);
    expect(readFrameHeader(mp3, 0)?.sampleRate).toBe(MP3_SAMPLE_RATE);
    const decoded = await decodeToPcm({ encoded: mp3 }, { sampleRate: MP3_SAMPLE_RATE });
    expect(decoded.length).toBe(Math.round((pcm.length * MP3_SAMPLE_RATE) / 30_000));
  });

  it.each([
    // MPEG-1: the side information of a mono frame is 17 bytes, a frame 1152 samples.
    { sampleRate: MP3_SAMPLE_RATE, bitrateKbps: 192, stream: 192, info: 192, sideInfo: 17 },
    // MPEG-2 (below 32 kHz): 9 bytes, 576 samples, and bitrates up to 160 kbps.
    { sampleRate: 24_000, bitrateKbps: 192, stream: 160, info: 160, sideInfo: 9 },
    // Too small a frame for the tag: the Info frame alone is sent at a higher bitrate.
    { sampleRate: 24_000, bitrateKbps: 32, stream: 32, info: 64, sideInfo: 9 },
    { sampleRate: MP3_SAMPLE_RATE, bitrateKbps: 32, stream: 32, info: 56, sideInfo: 17 },
  ] as const)(
    'starts with a LAME Info frame that counts the frames and carries delay and padding ($sampleRate Hz, $bitrateKbps kbps)',
    async ({ sampleRate, bitrateKbps, stream, info, sideInfo }) => {
      const { pcm } = clicked(sampleRate);
      const mp3 = await encodeMp3(pcm, sampleRate, { bitrateKbps });
      const header = readFrameHeader(mp3, 0);
      expect(header).toMatchObject({ bitrateKbps: info, sampleRate, mono: true, sideInfo });
      const tag = 4 + sideInfo;
      const text = (at: number, length: number) =>
        Buffer.from(mp3.subarray(tag + at, tag + at + length)).toString('latin1');
      expect(text(0, 4)).toBe('Info');
      const view = new DataView(mp3.buffer, mp3.byteOffset + tag);
      const audio = mp3.subarray(header!.length);
      const frames = view.getUint32(8);
      expect(frames).toBe(countFrames(audio));
      expect(view.getUint32(12)).toBe(mp3.length);
      expect(text(120, 4)).toBe('LAME');
      expect(view.getUint8(140)).toBe(stream);
      expect(readFrameHeader(audio, 0)?.bitrateKbps).toBe(stream);
      const delayPadding = (view.getUint8(141) << 16) | view.getUint16(142);
      const delay = delayPadding >> 12;
      const padding = delayPadding & 0xfff;
      expect(delay).toBe(576);
      expect(delay + pcm.length + padding).toBe(frames * header!.samplesPerFrame);
      const decoded = await decodeToPcm({ encoded: mp3 }, { sampleRate });
      expect(decoded.length).toBe(pcm.length);
    },
  );
});
