/**
 * The provider facts have one owner (`@studio/audio`): the web's estimate and the server's are
 * one pricing, and the copies `@studio/db` must keep (it cannot import audio) say the same.
 */
import {
  DEFAULT_MODEL_ID as AUDIO_DEFAULT_MODEL_ID,
  DIALOGUE_MODES as AUDIO_DIALOGUE_MODES,
  MAX_SPEED,
  MIN_SPEED,
  PROVIDER_NAMES,
  speedSchema,
  unitSchema,
} from '@studio/audio';
import {
  DEFAULT_MODEL_ID,
  DIALOGUE_MODES,
  jobOverridesSchema,
  TAKE_PROVIDERS,
  voiceProfilePatchSchema,
} from '@studio/db';
import { parse } from '@studio/els';
import { describe, expect, it } from 'vitest';
// The browser's estimate, as the New Session page computes it.
import { estimateScript } from '../../web/src/lib/estimate.js';
import { script } from './support/scripts.js';
import { useCallerStudio } from './support/studio.js';

describe('the web estimate and the server estimate', () => {
  const studio = useCallerStudio('facts-test');

  it('agree on characters and credits, whatever the case of a Flash model id', async () => {
    const { caller } = studio();
    await caller.voices.update({ character: 'boomer', patch: { modelId: 'Eleven_Flash_v2_5' } });
    const source = script([
      {
        id: '01_hook',
        body: 'Corporation stole your chips.\n[CHARACTER: boomer]\nBack in my day.',
      },
      {
        id: '02_end',
        body: '[CHARACTER: boomer]\nA bag was full.\n[CHARACTER: every-coon]\nOkay.',
      },
    ]);
    const voices = await caller.voices.list();
    const parsed = parse(source, { characters: voices.map((v) => v.character) });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const inBrowser = estimateScript(parsed.script, voices);

    const session = await caller.sessions.create({ source });
    const onServer = await caller.sessions.estimate({ sessionId: session.id });

    const boomer = 'Back in my day.'.length + 'A bag was full.'.length;
    const coon = 'Corporation stole your chips.'.length + 'Okay.'.length;
    expect(onServer).toMatchObject({
      segments: 4,
      characters: boomer + coon,
      credits: Math.ceil(boomer * 0.5 + coon),
    });
    expect(inBrowser).toMatchObject({
      requests: onServer.segments,
      characters: onServer.characters,
      credits: onServer.credits,
    });
  });
});

describe("@studio/db's copies of the provider facts", () => {
  const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
    schema.safeParse(value).success;

  it('accept exactly the speeds and 0–1 settings that @studio/audio accepts', () => {
    const speeds = [MIN_SPEED - 0.01, MIN_SPEED, 1, MAX_SPEED, MAX_SPEED + 0.01];
    for (const speed of speeds) {
      expect(accepts(voiceProfilePatchSchema, { speed })).toBe(accepts(speedSchema, speed));
    }
    for (const value of [-0.01, 0, 0.5, 1, 1.01]) {
      for (const key of ['stability', 'similarityBoost', 'style']) {
        expect(accepts(voiceProfilePatchSchema, { [key]: value })).toBe(accepts(unitSchema, value));
        expect(accepts(jobOverridesSchema, { [key]: value })).toBe(accepts(unitSchema, value));
      }
    }
  });

  it('name the same providers and the same default model', () => {
    expect([...TAKE_PROVIDERS]).toEqual([...PROVIDER_NAMES]);
    expect(DEFAULT_MODEL_ID).toBe(AUDIO_DEFAULT_MODEL_ID);
    expect([...DIALOGUE_MODES]).toEqual([...AUDIO_DIALOGUE_MODES]);
  });
});
