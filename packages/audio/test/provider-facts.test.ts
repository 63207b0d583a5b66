import { describe, expect, it } from 'vitest';
import {
  characterLimit,
  creditsPerCharacter,
  ELEVENLABS_MODELS,
  LOUDNESS_TARGETS,
  MAX_SPEED,
  MIN_SPEED,
  modelCapabilities,
  snapStability,
  speechCost,
  supportsRequestStitching,
} from '../src/provider-facts.js';
import { loudnessSchema, speedSchema, unitSchema } from '../src/provider-schemas.js';

describe('provider facts', () => {
  it('gives tags and dialogue to eleven_v3 and later, request stitching to the others', () => {
    const table = ELEVENLABS_MODELS.map((model) => {
      const { audioTags, dialogue, requestIds, contextText } = modelCapabilities(model);
      return [model, audioTags, dialogue, requestIds, contextText];
    });
    expect(table).toEqual([
      ['eleven_multilingual_v2', false, false, true, true],
      ['eleven_flash_v2_5', false, false, true, true],
      ['eleven_turbo_v2_5', false, false, true, true],
      ['eleven_v3', true, true, false, false],
    ]);
    expect(modelCapabilities('eleven_v4_alpha').audioTags).toBe(true);
    expect(modelCapabilities('eleven_v3_preview').dialogue).toBe(true);
    expect(modelCapabilities('eleven_monolingual_v1').audioTags).toBe(false);
  });

  it('snaps stability to eleven_v3’s three modes and leaves other models’ as asked', () => {
    expect([0, 0.2, 0.25, 0.35, 0.74, 0.8, 1].map((s) => snapStability('eleven_v3', s))).toEqual([
      0, 0, 0.5, 0.5, 0.5, 1, 1,
    ]);
    expect(snapStability('eleven_multilingual_v2', 0.35)).toBe(0.35);
  });

  it('prices the Flash and Turbo families at half a credit, whatever the case', () => {
    for (const model of ['eleven_flash_v2_5', 'ELEVEN_FLASH_V2_5', 'Eleven_Turbo_v2', 'x-turbo']) {
      expect(creditsPerCharacter(model)).toBe(0.5);
    }
    for (const model of ['eleven_multilingual_v2', 'eleven_v3', 'espeak-ng', null, undefined]) {
      expect(creditsPerCharacter(model)).toBe(1);
    }
  });

  it('knows each offered model’s request limit, and the default model’s for the others', () => {
    expect(ELEVENLABS_MODELS.map(characterLimit)).toEqual([10_000, 40_000, 40_000, 5_000]);
    expect(characterLimit('eleven_v3_preview')).toBe(5_000);
    expect(characterLimit('ELEVEN_FLASH_V2_5')).toBe(40_000);
    expect(characterLimit('someone_elses_model')).toBe(10_000);
    expect(ELEVENLABS_MODELS.filter((m) => !supportsRequestStitching(m))).toEqual(['eleven_v3']);
  });

  it('accepts speeds 0.7–1.2 and settings 0–1, nothing outside', () => {
    expect([MIN_SPEED, MAX_SPEED]).toEqual([0.7, 1.2]);
    expect([0.7, 1, 1.2].map((v) => speedSchema.safeParse(v).success)).toEqual([true, true, true]);
    expect([0.69, 1.21, Number.NaN].map((v) => speedSchema.safeParse(v).success)).toEqual([
      false,
      false,
      false,
    ]);
    expect([0, 0.5, 1].map((v) => unitSchema.safeParse(v).success)).toEqual([true, true, true]);
    expect([-0.01, 1.01].map((v) => unitSchema.safeParse(v).success)).toEqual([false, false]);
  });

  it('offers the loudness presets and refuses any other target', () => {
    expect(LOUDNESS_TARGETS).toEqual([-16, -14, -23]);
    for (const target of LOUDNESS_TARGETS) expect(loudnessSchema.parse(target)).toBe(target);
    expect(loudnessSchema.safeParse(-18).success).toBe(false);
    expect(loudnessSchema.safeParse('-16').success).toBe(false);
  });

  it('costs one request per segment, credits rounded up, nothing on the local voice', () => {
    const segments = [
      { text: 'Hello there.', modelId: 'eleven_flash_v2_5' },
      { text: 'Back in my day.', modelId: 'eleven_multilingual_v2' },
      { text: 'Okay.', modelId: null },
    ];
    expect(speechCost(segments)).toEqual({
      requests: 3,
      characters: 32,
      credits: Math.ceil(12 * 0.5 + 15 + 5),
    });
    expect(speechCost([{ text: 'abc', modelId: 'eleven_turbo_v2_5' }]).credits).toBe(2);
    expect(speechCost(segments, 'local')).toEqual({ requests: 3, characters: 32, credits: 0 });
    expect(speechCost([])).toEqual({ requests: 0, characters: 0, credits: 0 });
  });
});
