import { describe, expect, it } from 'vitest';
import { encodeMp3, MP3_SAMPLE_RATE } from '../src/mp3/encode-mp3.js';
import { countFrames, readFrameHeader, SAMPLES_PER_FRAME } from '../src/mp3/info-frame.js';
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

      const decoded = await decodeToPcm({ encoded: mp3 }, { sampleRate: MP3_SAMPLE_RATE });
      const ratio = MP3_SAMPLE_RATE / sampleRate;
      expect(decoded.length).toBe(Math.round(pcm.length * ratio));
      const click = loudestAt(decoded);
      expect(click).toBeGreaterThanOrEqual(Math.floor(clickAt * ratio) - 2);
      expect(click).toBeLessThanOrEqual(Math.ceil((clickAt + 40) * ratio) + 2);
    },
  );

  it('starts with a LAME Info frame that counts the frames and carries delay and padding', async () => {
    const { pcm } = clicked(MP3_SAMPLE_RATE);
    const mp3 = await encodeMp3(pcm, MP3_SAMPLE_RATE, { bitrateKbps: 192 });
    const header = readFrameHeader(mp3, 0);
    expect(header).toMatchObject({ bitrateKbps: 192, sampleRate: MP3_SAMPLE_RATE, mono: true });
    const tag = 4 + 17;
    const text = (at: number, length: number) =>
      Buffer.from(mp3.subarray(tag + at, tag + at + length)).toString('latin1');
    expect(text(0, 4)).toBe('Info');
    const view = new DataView(mp3.buffer, mp3.byteOffset + tag);
    const frames = view.getUint32(8);
    expect(frames).toBe(countFrames(mp3.subarray(header!.length)));
    expect(view.getUint32(12)).toBe(mp3.length);
    expect(text(120, 4)).toBe('LAME');
    const delayPadding = (view.getUint8(141) << 16) | view.getUint16(142);
    const delay = delayPadding >> 12;
    const padding = delayPadding & 0xfff;
    expect(delay).toBe(576);
    expect(delay + pcm.length + padding).toBe(frames * SAMPLES_PER_FRAME);
  });
});
