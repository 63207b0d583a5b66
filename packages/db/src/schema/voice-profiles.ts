import { sql } from 'drizzle-orm';
import { check, doublePrecision, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { between } from './checks.js';
import { localVoiceSchema, type LocalVoice } from './shapes.js';

export const DEFAULT_MODEL_ID = 'eleven_multilingual_v2';

/** How each ELS character sounds: ElevenLabs settings plus the offline eSpeak NG fallback. */
export const voiceProfiles = pgTable(
  'voice_profiles',
  {
    /** Canonical ELS character name (`every-coon`); scripts refer to voices by it. */
    character: text('character').primaryKey(),
    voiceId: text('voice_id').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description').notNull().default(''),
    // double precision, not real: 0.35 must come back as 0.35, not 0.3499999940395355.
    stability: doublePrecision('stability').notNull(),
    similarityBoost: doublePrecision('similarity_boost').notNull(),
    style: doublePrecision('style').notNull(),
    /** ElevenLabs accepts 0.7–1.2 only. */
    speed: doublePrecision('speed').notNull().default(1),
    modelId: text('model_id').notNull().default(DEFAULT_MODEL_ID),
    /** Voice used when there is no ElevenLabs key, so offline renders still tell characters apart. */
    localVoice: jsonb('local_voice').$type<LocalVoice>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Maintained by a trigger (see the `updated_at_triggers` migration). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('voice_profiles_stability_range', between(t.stability, 0, 1)),
    check('voice_profiles_similarity_boost_range', between(t.similarityBoost, 0, 1)),
    check('voice_profiles_style_range', between(t.style, 0, 1)),
    check('voice_profiles_speed_range', between(t.speed, 0.7, 1.2)),
    // CASE, not AND: it guarantees the cast only runs on a JSON number, and a missing key
    // yields false rather than NULL (which a CHECK would let through).
    check(
      'voice_profiles_local_voice_shape',
      sql`case when jsonb_typeof(${t.localVoice}->'variant') = 'string' and jsonb_typeof(${t.localVoice}->'pitch') = 'number' then (${t.localVoice}->>'pitch')::numeric between 0 and 99 else false end`,
    ),
  ],
);

export type VoiceProfile = typeof voiceProfiles.$inferSelect;

/** The profile's jsonb columns, checked when a row is read back (`checkRow`). */
export const voiceProfileJsonColumns = z.looseObject({ localVoice: localVoiceSchema });
