import { describe, expect, it } from 'vitest';
import {
  createElevenLabsProvider,
  renderTake,
  segmentHash,
  segmentRequests,
  type VoiceProfile,
} from '../src/index.js';
import { detectSilences } from '../src/testing/index.js';
import { beatOf, PROFILES, useStandInRender } from './helpers.js';

const onModel = (modelId: string): Record<string, VoiceProfile> =>
  Object.fromEntries(
    Object.entries(PROFILES).map(([name, profile]) => [
      name,
      { ...profile, modelId, stability: 0.4 },
    ]),
  );

const beat = beatOf(`[BEAT: 01_tags]
name: Tags
---
[CHARACTER: boomer]
[whispers] Okay boomer.
[PAUSE: 300ms]
Back in my day [laughs] chips were full.
[PAUSE: 500ms]
[END_BEAT]`);

const setup = useStandInRender();

describe('audio tags and stability modes', () => {
  it('sends the tags only to eleven_v3, snaps its stability, and keeps every pause', async () => {
    const { standIn, render } = setup();
    const base = { ...render, beat };
    standIn.reset();
    const v3 = await renderTake({ ...base, profiles: onModel('eleven_v3'), takeId: 'v3' });
    const v2 = await renderTake({
      ...base,
      profiles: onModel('eleven_multilingual_v2'),
      takeId: 'v2',
    });

    const [toV3, toV2] = standIn.requests.map((r) => r.body as Record<string, unknown>);
    expect(toV3).toMatchObject({
      model_id: 'eleven_v3',
      text: '[whispers] Okay boomer. Back in my day [laughs] chips were full.',
    });
    expect(toV2).toMatchObject({
      model_id: 'eleven_multilingual_v2',
      text: 'Okay boomer. Back in my day chips were full.',
    });

    // The profile asks for 0.4: eleven_v3 is sent its nearest mode, and the take says so.
    expect((toV3?.voice_settings as { stability: number }).stability).toBe(0.5);
    expect((toV2?.voice_settings as { stability: number }).stability).toBe(0.4);
    expect(v3.take.settings[0]).toMatchObject({ stability: 0.5, requestedStability: 0.4 });
    expect(v2.take.settings[0]).not.toHaveProperty('requestedStability');
    expect(v3.warnings).toEqual([
      { code: 'stability_snapped', requested: 0.4, applied: 0.5, segmentIndex: 0 },
    ]);

    // The lines are found in the tagged alignment: timings are exact, pauses where written.
    expect(v3.warnings.some((w) => w.code === 'alignment_inexact')).toBe(false);
    expect(v3.take.timings.map((t) => t.text)).toEqual([
      'Okay boomer.',
      'Back in my day chips were full.',
    ]);
    const mp3 = await base.storage.get(v3.take.storageKey);
    const silences = await detectSilences({ encoded: mp3 }, { noiseDb: -50, minDurationMs: 50 });
    expect(silences).toHaveLength(2);
    silences.forEach((silence, k) => {
      expect(Math.abs(silence.durationMs - [300, 500][k]!)).toBeLessThanOrEqual(30);
    });
    // Each pause lies between its line and the next (the cut falls in the voiced space between
    // them, so it may start a little after the line's last character).
    const [first, second] = v3.take.timings;
    expect(silences[0]?.startMs).toBeGreaterThanOrEqual((first?.endMs ?? 0) - 30);
    expect(silences[0]?.endMs).toBeLessThanOrEqual((second?.startMs ?? 0) + 30);
    expect(Math.abs((silences[1]?.startMs ?? 0) - (second?.endMs ?? 0))).toBeLessThanOrEqual(30);
  });

  it('never sends tags to the local voice, and keys the cache on the text as sent', () => {
    const profiles = onModel('eleven_v3');
    const [local] = segmentRequests(beat, profiles, { provider: 'local' });
    const [remote] = segmentRequests(beat, profiles, { provider: 'elevenlabs' });
    expect(local?.request.text).toBe('Okay boomer. Back in my day chips were full.');
    expect(local?.request.settings.stability).toBe(0.4);
    expect(remote?.request.text).toContain('[laughs]');
    expect(remote?.sentLines).toEqual([
      '[whispers] Okay boomer.',
      'Back in my day [laughs] chips were full.',
    ]);
    const provider = createElevenLabsProvider({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9' });
    expect(segmentHash(provider, remote!.request)).not.toBe(
      segmentHash(provider, { ...remote!.request, text: local!.request.text }),
    );
  });
});
