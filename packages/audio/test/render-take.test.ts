import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createElevenLabsProvider,
  createLocalStorage,
  createSegmentCache,
  ffmpegProcessCount,
  MP3_SAMPLE_RATE,
  renderTake,
  RenderError,
  type RenderTakeInput,
  type Storage,
} from '../src/index.js';
import {
  decodeToPcm,
  detectSilences,
  startElevenLabsStandIn,
  type ElevenLabsStandIn,
} from '../src/testing/index.js';
import { beatOf, PROFILES, tempDir } from './helpers.js';

const beat = beatOf(`[BEAT: 01_hook]
name: Hook
---
[DIRECTION: Punchy, accusatory, deadpan]
[CHARACTER: boomer]
Back in my day.
[PAUSE: 150ms]
Chips were full. [PAUSE: 400ms] Bags too.
[PAUSE: 900ms]
[CHARACTER: wojak]
[PACE: fast]
It is over.
[PAUSE: 250ms]
[CHARACTER: boomer]
[PACE: normal]
We had it all.
[PAUSE: 600ms]
[END_BEAT]`);
const PAUSES = [150, 400, 900, 250, 600];

let standIn: ElevenLabsStandIn;
let dir: Awaited<ReturnType<typeof tempDir>>;
let storage: Storage;
let base: Omit<RenderTakeInput, 'takeId'>;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  dir = await tempDir();
  storage = createLocalStorage(dir.path);
  base = {
    beat,
    profiles: PROFILES,
    provider: createElevenLabsProvider({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl }),
    storage,
    cache: createSegmentCache(storage),
    sessionId: 'session1',
  };
});
afterAll(async () => {
  await standIn.close();
  await dir.cleanup();
});

describe('renderTake', () => {
  it('voices each segment once and puts every written pause where it belongs', async () => {
    const { take, ...rendered } = await renderTake({ ...base, takeId: 'take1' });

    expect(take.storageKey).toBe('takes/session1/01_hook-take1.mp3');
    expect(rendered.requests).toBe(3);
    expect(rendered.cacheHits).toBe(0);
    expect(take.provider).toBe('elevenlabs');
    expect(take.settings.map((s) => [s.character, s.lines, s.speed])).toEqual([
      ['boomer', [0, 1, 2], 1],
      ['wojak', [3], 1.15],
      ['boomer', [4], 1],
    ]);
    expect(take.charactersBilled).toBe(beat.segments.reduce((n, s) => n + s.text.length, 0));
    expect(take.requestIds).toEqual(standIn.requests.map((r) => r.requestId));
    expect(rendered.warnings).toEqual([]);

    // The stitching context (the previous segment's own request, the next one's text), the
    // settings, and never the direction.
    const bodies = standIn.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies[1]).toMatchObject({
      previous_request_ids: [standIn.requests[0]?.requestId],
      next_text: beat.segments[2]?.text,
    });
    expect(bodies[1]).not.toHaveProperty('previous_text');
    expect(bodies[0]).not.toHaveProperty('previous_text');
    expect(bodies[0]).not.toHaveProperty('previous_request_ids');
    expect(take.continuity.map((c) => [c.previous, c.next])).toEqual([
      ['none', 'text'],
      ['request_ids', 'text'],
      ['request_ids', 'none'],
    ]);
    for (const body of bodies) {
      const settings = body.voice_settings as Record<string, unknown>;
      expect(Object.values(settings).every((v) => typeof v === 'number')).toBe(true);
      expect(settings.speed).toBeGreaterThanOrEqual(0.7);
      expect(settings.speed).toBeLessThanOrEqual(1.2);
    }
    expect(JSON.stringify(standIn.requests)).not.toMatch(/punchy|accusatory|deadpan/i);

    // Measured on the stored MP3: every pause is real silence of the written length.
    const mp3 = await storage.get(take.storageKey);
    const silences = await detectSilences({ encoded: mp3 }, { noiseDb: -50, minDurationMs: 50 });
    expect(silences).toHaveLength(PAUSES.length);
    silences.forEach((silence, k) => {
      expect(Math.abs(silence.durationMs - (PAUSES[k] ?? 0))).toBeLessThanOrEqual(30);
      expect(Math.abs(silence.startMs - (take.timings[k]?.endMs ?? 0))).toBeLessThanOrEqual(30);
    });
    expect(take.timings.map((t) => t.pauseAfterMs)).toEqual(PAUSES);
    take.timings.forEach((timing, k) => {
      expect(timing.endMs).toBeGreaterThan(timing.startMs);
      expect(timing.startMs).toBeGreaterThanOrEqual(
        k === 0 ? 0 : (take.timings[k - 1]?.endMs ?? 0) + PAUSES[k - 1]!,
      );
    });

    // The duration is the sample count, and the MP3 decodes to exactly that.
    const decoded = await decodeToPcm({ encoded: mp3 }, { sampleRate: MP3_SAMPLE_RATE });
    expect(
      Math.abs((decoded.length * 1000) / MP3_SAMPLE_RATE - take.durationMs),
    ).toBeLessThanOrEqual(1);
    expect((take.timings.at(-1)?.endMs ?? 0) + 600).toBeCloseTo(take.durationMs, -1);
  });

  it('re-renders an unchanged beat from the cache: no request, nothing billed, no process spawned', async () => {
    const first = await renderTake({ ...base, takeId: 'take2' });
    const before = { requests: standIn.counters.requests, processes: ffmpegProcessCount() };
    const again = await renderTake({ ...base, takeId: 'take3' });
    expect(standIn.counters.requests).toBe(before.requests);
    expect(ffmpegProcessCount() - before.processes).toBe(0);
    expect(again).toMatchObject({ requests: 0, cacheHits: 3, take: { charactersBilled: 0 } });
    expect(again.take.contentHash).toBe(first.take.contentHash);
    expect(again.take.timings).toEqual(first.take.timings);
  });

  it('regenerates with new seeds, and caches the new performance', async () => {
    const before = standIn.requests.length;
    const { take, requests } = await renderTake({ ...base, takeId: 'take4', regenerate: true });
    const sent = standIn.requests.slice(before);
    expect(requests).toBe(3);
    expect(sent).toHaveLength(3);
    for (const request of sent)
      expect((request.body as { seed?: unknown }).seed).toEqual(expect.any(Number));
    expect(take.charactersBilled).toBeGreaterThan(0);
    const cached = await renderTake({ ...base, takeId: 'take5' });
    expect(cached.requests).toBe(0);
  });

  it('applies a revision and reports the clamped speed', async () => {
    const { take } = await renderTake({
      ...base,
      takeId: 'take6',
      overrides: { pace: 'slow', stability: 0.9 },
    });
    // boomer 1.0 × slow 0.75 stays; a slower profile would clamp.
    expect(take.settings.map((s) => [s.speed, s.stability])).toEqual([
      [0.75, 0.9],
      [0.75, 0.9],
      [0.75, 0.9],
    ]);
    const slowProfiles = { ...PROFILES, boomer: { ...PROFILES.boomer!, speed: 0.85 } };
    const clamped = await renderTake({
      ...base,
      profiles: slowProfiles,
      takeId: 'take7',
      overrides: { pace: 'slow' },
    });
    expect(clamped.warnings).toEqual([
      { code: 'speed_clamped', requested: 0.638, applied: 0.7, segmentIndex: 0 },
      { code: 'speed_clamped', requested: 0.638, applied: 0.7, segmentIndex: 2 },
    ]);
  });

  it('refuses a beat whose character has no voice profile', async () => {
    const error = await renderTake({
      ...base,
      profiles: { boomer: PROFILES.boomer! },
      takeId: 'take8',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RenderError);
    expect(error).toMatchObject({ code: 'missing_profile', characters: ['wojak'] });
  });
});
