import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VOICE_PROFILES,
  getVoiceProfile,
  listVoiceProfiles,
  seedVoiceProfiles,
  updateVoiceProfile,
  voiceProfiles,
} from '../src/index.js';
import { engines, expectDbError, expectPgError, sleep, useDatabase } from './helpers.js';

describe.each(engines)('voice profiles on %s', (engine) => {
  const database = useDatabase(engine);

  it('seeds the six Trash Panda characters with the production settings', async () => {
    const profiles = await listVoiceProfiles(database().db);
    const settings = Object.fromEntries(
      profiles.map((p) => [p.character, [p.stability, p.similarityBoost, p.style, p.speed]]),
    );
    expect(settings).toEqual({
      'every-coon': [0.35, 0.78, 0.45, 1.0],
      boomer: [0.5, 0.78, 0.3, 0.85],
      fed: [0.65, 0.78, 0.2, 0.7],
      whale: [0.4, 0.78, 0.5, 0.95],
      wojak: [0.3, 0.78, 0.6, 1.1],
      chad: [0.4, 0.78, 0.55, 1.05],
    });
    for (const p of profiles) {
      expect(p.voiceId).toBe('BRruTxiLM2nszrcCIpz1');
      expect(p.modelId).toBe('eleven_multilingual_v2');
      expect(p.description).not.toBe('');
    }
    expect((await getVoiceProfile(database().db, 'every-coon')).displayName).toBe('Every-Coon');
    const localVoices = profiles.map((p) => `${p.localVoice.variant}/${p.localVoice.pitch}`);
    expect(new Set(localVoices).size).toBe(6);
  });

  it('re-seeding inserts only missing profiles and keeps user edits', async () => {
    const { db } = database();
    await updateVoiceProfile(db, 'boomer', { speed: 0.75, displayName: 'Grandpa' });
    await db.delete(voiceProfiles).where(eq(voiceProfiles.character, 'chad'));

    expect(await seedVoiceProfiles(db)).toEqual(['chad']);
    expect(await seedVoiceProfiles(db)).toEqual([]);

    const boomer = await getVoiceProfile(db, 'boomer');
    expect([boomer.speed, boomer.displayName]).toEqual([0.75, 'Grandpa']);
    expect((await getVoiceProfile(db, 'chad')).speed).toBe(1.05);
    expect(await listVoiceProfiles(db)).toHaveLength(DEFAULT_VOICE_PROFILES.length);
  });

  it('updates settings and moves updated_at', async () => {
    const { db } = database();
    const before = await getVoiceProfile(db, 'fed');
    await sleep(5);
    const after = await updateVoiceProfile(db, 'fed', {
      stability: 1,
      style: 0,
      similarityBoost: 0.5,
      speed: 1.2,
      localVoice: { variant: 'klatt', pitch: 0 },
    });
    expect(after).toMatchObject({ stability: 1, style: 0, similarityBoost: 0.5, speed: 1.2 });
    expect(after.localVoice).toEqual({ variant: 'klatt', pitch: 0 });
    expect(after.createdAt).toEqual(before.createdAt);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await updateVoiceProfile(db, 'fed', {})).toEqual(after);
  });

  it('refuses out-of-range settings naming the field, before the database', async () => {
    const { db } = database();
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { speed: 1.3 }),
      'INVALID_SETTINGS',
      'speed',
    );
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { speed: 0.69 }),
      'INVALID_SETTINGS',
      'speed',
    );
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { stability: -0.1 }),
      'INVALID_SETTINGS',
      'stability',
    );
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { similarityBoost: 1.01 }),
      'INVALID_SETTINGS',
      'similarityBoost',
    );
    await expectDbError(updateVoiceProfile(db, 'wojak', { style: 2 }), 'INVALID_SETTINGS', 'style');
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { localVoice: { variant: 'm1', pitch: 100 } }),
      'INVALID_SETTINGS',
      'localVoice.pitch',
    );
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { localVoice: { variant: '../etc', pitch: 10 } }),
      'INVALID_SETTINGS',
      'localVoice.variant',
    );
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { voiceId: ' ' }),
      'INVALID_SETTINGS',
      'voiceId',
    );
    await expectDbError(
      updateVoiceProfile(db, 'wojak', { volume: 3 } as never),
      'INVALID_SETTINGS',
    );
    expect((await getVoiceProfile(db, 'wojak')).speed).toBe(1.1);
  });

  it('refuses unknown characters', async () => {
    const { db } = database();
    await expectDbError(getVoiceProfile(db, 'raccoon-x'), 'VOICE_NOT_FOUND');
    await expectDbError(updateVoiceProfile(db, 'raccoon-x', { speed: 1 }), 'VOICE_NOT_FOUND');
  });

  it('CHECK constraints refuse out-of-range values written around the query layer', async () => {
    const { db } = database();
    const whale = eq(voiceProfiles.character, 'whale');
    const set = (values: Partial<typeof voiceProfiles.$inferInsert>) =>
      db.update(voiceProfiles).set(values).where(whale);
    await expectPgError(set({ speed: 1.25 }), '23514', 'voice_profiles_speed_range');
    await expectPgError(set({ speed: 0.6 }), '23514', 'voice_profiles_speed_range');
    await expectPgError(set({ stability: 1.5 }), '23514', 'voice_profiles_stability_range');
    await expectPgError(
      set({ similarityBoost: -1 }),
      '23514',
      'voice_profiles_similarity_boost_range',
    );
    await expectPgError(set({ style: 1.1 }), '23514', 'voice_profiles_style_range');
    await expectPgError(
      set({ localVoice: { variant: 'm2', pitch: 150 } }),
      '23514',
      'voice_profiles_local_voice_shape',
    );
    await expectPgError(
      db
        .update(voiceProfiles)
        .set({ localVoice: sql`'{"pitch": 10}'::jsonb` })
        .where(whale),
      '23514',
      'voice_profiles_local_voice_shape',
    );
    expect((await getVoiceProfile(db, 'whale')).speed).toBe(0.95);
  });
});
