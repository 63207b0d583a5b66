import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalEspeakProvider,
  createLocalStorage,
  createSpeechProvider,
  renderTake,
  type SpeechRequest,
} from '../src/index.js';
import { detectSilences } from '../src/testing/index.js';
import { beatOf, CHARACTERS, PROFILES, tempDir } from './helpers.js';

const provider = createLocalEspeakProvider();
const lines = ['Back in my day.', 'Chips were full.'];
const request = (overrides: Partial<SpeechRequest> = {}): SpeechRequest => ({
  text: lines.join(' '),
  lines,
  voiceId: 'unused',
  modelId: 'eleven_multilingual_v2',
  settings: { stability: 0.5, similarityBoost: 0.78, style: 0.4, speed: 1 },
  localVoice: { variant: 'm3', pitch: 50 },
  ...overrides,
});

/** Median fundamental frequency of the loud 40 ms frames, by autocorrelation (60–400 Hz). */
function medianPitch(pcm: Int16Array, sampleRate: number): number {
  const frame = Math.round(sampleRate * 0.04);
  const estimates: number[] = [];
  for (let at = 0; at + frame <= pcm.length; at += frame) {
    let energy = 0;
    for (let i = 0; i < frame; i++) energy += (pcm[at + i] ?? 0) ** 2;
    if (energy / frame < 1000 ** 2) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = Math.round(sampleRate / 400); lag <= Math.round(sampleRate / 60); lag++) {
      let sum = 0;
      for (let i = 0; i + lag < frame; i++) sum += (pcm[at + i] ?? 0) * (pcm[at + i + lag] ?? 0);
      if (sum > best) [best, bestLag] = [sum, lag];
    }
    if (bestLag) estimates.push(sampleRate / bestLag);
  }
  estimates.sort((a, b) => a - b);
  return estimates[Math.floor(estimates.length / 2)] ?? 0;
}

describe('local eSpeak NG voice', () => {
  it('is what createSpeechProvider picks without an API key', () => {
    expect(createSpeechProvider({ apiKey: null }).name).toBe('local');
  });

  it('gives each of the six characters its own voice', async () => {
    const results = await Promise.all(
      CHARACTERS.map((character) =>
        provider.synthesize(request({ localVoice: PROFILES[character]!.localVoice })),
      ),
    );
    const fingerprints = results.map((r) => createHash('sha256').update(r.pcm).digest('hex'));
    expect(new Set(fingerprints).size).toBe(6);
    const pitch = Object.fromEntries(
      CHARACTERS.map((c, i) => [c, medianPitch(results[i]!.pcm, results[i]!.sampleRate)]),
    );
    // wojak is a female variant at pitch 70, whale a male one at pitch 20.
    expect(pitch.wojak).toBeGreaterThan(1.5 * pitch.whale!);
    expect(results.every((r) => r.charactersBilled === 0 && r.requestId === null)).toBe(true);
  });

  it('follows the speed setting', async () => {
    const slow = await provider.synthesize(
      request({ settings: { ...request().settings, speed: 0.7 } }),
    );
    const fast = await provider.synthesize(
      request({ settings: { ...request().settings, speed: 1.2 } }),
    );
    expect(slow.pcm.length).toBeGreaterThan(1.4 * fast.pcm.length);
  });

  it('knows exactly where each line ends', async () => {
    const both = await provider.synthesize(request());
    const first = await provider.synthesize(request({ text: lines[0]!, lines: [lines[0]!] }));
    expect(both.alignment.characters.join('')).toBe(lines.join(' '));
    const boundary = lines[0]!.length - 1;
    const firstEndMs = (first.pcm.length * 1000) / first.sampleRate;
    expect(both.alignment.endMs[boundary]).toBeCloseTo(firstEndMs, 6);
    expect(both.alignment.startMs[boundary + 2]).toBeCloseTo(firstEndMs, 6);
  });

  describe('rendering a take offline', () => {
    let dir: Awaited<ReturnType<typeof tempDir>>;
    beforeAll(async () => {
      dir = await tempDir();
    });
    afterAll(() => dir.cleanup());

    it('inserts the written pauses', async () => {
      const beat = beatOf(`[BEAT: 02_boomer]
name: Boomer
---
[CHARACTER: boomer]
Back in my day
[PAUSE: 400ms]
we had real chips
[PAUSE: 900ms]
[CHARACTER: wojak]
It is over
[PAUSE: 250ms]
[END_BEAT]`);
      const storage = createLocalStorage(dir.path);
      const { take } = await renderTake({
        beat,
        profiles: PROFILES,
        provider,
        storage,
        sessionId: 's1',
        takeId: 't1',
      });
      expect(take.provider).toBe('local');
      expect(take.settings.map((s) => s.modelId)).toEqual(['espeak-ng', 'espeak-ng']);
      const silences = await detectSilences(
        { encoded: await storage.get(take.storageKey) },
        { minDurationMs: 120 },
      );
      expect(silences).toHaveLength(3);
      [400, 900, 250].forEach((pause, k) =>
        expect(Math.abs(silences[k]!.durationMs - pause)).toBeLessThanOrEqual(30),
      );
    });
  });
});
