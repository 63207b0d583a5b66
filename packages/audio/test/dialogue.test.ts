import { describe, expect, it } from 'vitest';
import {
  DIALOGUE_CHARACTER_LIMIT,
  planPerformances,
  renderTake,
  segmentRequests,
  type SegmentRequest,
  type VoiceProfile,
} from '../src/index.js';
import { detectSilences } from '../src/testing/index.js';
import { beatOf, PROFILES, useStandInRender } from './helpers.js';

const V3: Record<string, VoiceProfile> = Object.fromEntries(
  Object.entries(PROFILES).map(([name, profile]) => [name, { ...profile, modelId: 'eleven_v3' }]),
);

const beat = beatOf(`[BEAT: 01_hook]
name: 01_hook
---
[CHARACTER: boomer]
Back in my day.
[PAUSE: 150ms]
Chips were full. [PAUSE: 400ms] Bags too.
[PAUSE: 900ms]
[CHARACTER: wojak]
It is over.
[PAUSE: 250ms]
[CHARACTER: boomer]
We had it all.
[PAUSE: 600ms]
[END_BEAT]`);
const PAUSES = [150, 400, 900, 250, 600];

const setup = useStandInRender();
const base = () => ({ ...setup().render, beat, profiles: V3 });

describe('dialogue in one performance (eleven_v3)', () => {
  it('voices a beat with several characters in one request, cut back into lines with every pause', async () => {
    const { standIn } = setup();
    standIn.reset();
    const { take, requests } = await renderTake({ ...base(), takeId: 'one' });

    expect(requests).toBe(1);
    expect(standIn.requests).toHaveLength(1);
    const [sent] = standIn.requests;
    expect(sent?.path).toBe('/v1/text-to-dialogue/with-timestamps');
    expect(sent?.body).toMatchObject({
      model_id: 'eleven_v3',
      inputs: beat.segments.map((segment) => ({
        text: segment.text,
        voice_id: V3[segment.character]?.voiceId,
      })),
    });
    // eleven_v3 takes no stitching of either kind.
    expect(JSON.stringify(sent?.body)).not.toMatch(/previous_|next_/);
    expect(take.continuity).toEqual(
      beat.segments.map(() =>
        expect.objectContaining({ requestId: sent?.requestId, dialogue: true }),
      ),
    );
    expect(take.settings.map((s) => [s.character, s.lines])).toEqual([
      ['boomer', [0, 1, 2]],
      ['wojak', [3]],
      ['boomer', [4]],
    ]);

    const mp3 = await base().storage.get(take.storageKey);
    const silences = await detectSilences({ encoded: mp3 }, { noiseDb: -50, minDurationMs: 50 });
    expect(silences).toHaveLength(PAUSES.length);
    silences.forEach((silence, k) => {
      expect(Math.abs(silence.durationMs - (PAUSES[k] ?? 0))).toBeLessThanOrEqual(30);
      expect(Math.abs(silence.startMs - (take.timings[k]?.endMs ?? 0))).toBeLessThanOrEqual(30);
    });
    expect(take.timings.map((t) => t.text)).toEqual(beat.lines.map((line) => line.text));
  });

  it('sends one request per segment when the session asks for it', async () => {
    const { standIn } = setup();
    standIn.reset();
    await renderTake({ ...base(), takeId: 'per', dialogueMode: 'per_segment' });
    expect(standIn.requests.map((r) => r.voiceId)).toEqual(
      beat.segments.map((segment) => V3[segment.character]?.voiceId),
    );
  });

  it('keeps single-voice beats and other models on one request per segment', () => {
    const v2 = segmentRequests(beat, PROFILES);
    expect(planPerformances(v2, 'one_performance', 'elevenlabs')).toHaveLength(3);
    const v3 = segmentRequests(beat, V3);
    expect(planPerformances(v3, 'one_performance', 'local')).toHaveLength(3);
    const solo = segmentRequests(
      beatOf(`[BEAT: solo]\nname: Solo\n---\nAlone.\n[PACE: fast]\nFast.\n[END_BEAT]`),
      V3,
    );
    expect(solo).toHaveLength(2);
    expect(planPerformances(solo, 'one_performance', 'elevenlabs')).toHaveLength(2);
  });

  it('splits at segment boundaries beyond the characters or voices of one request', () => {
    const planned = (texts: string[], voices: (i: number) => string): SegmentRequest[] =>
      texts.map((text, i) => ({
        request: {
          text,
          voiceId: voices(i),
          modelId: 'eleven_v3',
          settings: { stability: 0.5, similarityBoost: 0.75, style: 0, speed: 1 },
        },
        profile: { ...V3.boomer!, character: voices(i) },
        sentLines: [text],
        warnings: [],
      }));
    const third = 'x'.repeat(Math.floor(DIALOGUE_CHARACTER_LIMIT / 3) + 1);
    const long = planPerformances(
      planned([third, third, third, third], (i) => `voice-${i % 2}`),
      'one_performance',
      'elevenlabs',
    );
    expect(long.map((p) => p.segments)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(long.every((p) => p.request.dialogue?.length === 2)).toBe(true);

    const crowd = planPerformances(
      planned(
        Array.from({ length: 12 }, () => 'Hi.'),
        (i) => `voice-${i}`,
      ),
      'one_performance',
      'elevenlabs',
    );
    expect(crowd.map((p) => p.segments.length)).toEqual([10, 2]);
  });
});
