import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { StudioDb } from '../client.js';
import { DbError, parseOrThrow } from '../errors.js';
import { localVoiceSchema, unitSchema, voiceProfiles, type VoiceProfile } from '../schema/index.js';
import { checkVoiceProfile } from './check-rows.js';

/** Editable profile fields, with the ranges ElevenLabs and eSpeak NG accept. */
export const voiceProfilePatchSchema = z.strictObject({
  displayName: z.string().trim().min(1).optional(),
  description: z.string().optional(),
  voiceId: z.string().trim().min(1).optional(),
  modelId: z.string().trim().min(1).optional(),
  stability: unitSchema.optional(),
  similarityBoost: unitSchema.optional(),
  style: unitSchema.optional(),
  speed: z.number().min(0.7).max(1.2).optional(),
  localVoice: localVoiceSchema.optional(),
});
export type VoiceProfilePatch = z.input<typeof voiceProfilePatchSchema>;

export async function listVoiceProfiles(db: StudioDb): Promise<VoiceProfile[]> {
  const rows = await db.select().from(voiceProfiles).orderBy(asc(voiceProfiles.character));
  return rows.map(checkVoiceProfile);
}

export async function getVoiceProfile(db: StudioDb, character: string): Promise<VoiceProfile> {
  const [profile] = await db
    .select()
    .from(voiceProfiles)
    .where(eq(voiceProfiles.character, character));
  if (!profile) throw new DbError('VOICE_NOT_FOUND', `no voice profile for ${character}`);
  return checkVoiceProfile(profile);
}

/** Validates `patch` (INVALID_SETTINGS naming the field) before touching the database. */
export async function updateVoiceProfile(
  db: StudioDb,
  character: string,
  patch: VoiceProfilePatch,
): Promise<VoiceProfile> {
  const values = parseOrThrow(voiceProfilePatchSchema, patch, 'INVALID_SETTINGS');
  if (Object.values(values).every((v) => v === undefined)) return getVoiceProfile(db, character);
  const [profile] = await db
    .update(voiceProfiles)
    .set(values)
    .where(eq(voiceProfiles.character, character))
    .returning();
  if (!profile) throw new DbError('VOICE_NOT_FOUND', `no voice profile for ${character}`);
  return checkVoiceProfile(profile);
}
