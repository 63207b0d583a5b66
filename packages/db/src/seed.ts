import type { StudioDb } from './client.js';
import { voiceProfiles } from './schema/index.js';

/** The one ElevenLabs voice the Trash Panda cast shares; settings tell the characters apart. */
const TRASH_PANDA_VOICE_ID = 'BRruTxiLM2nszrcCIpz1';

/** The six Trash Panda characters with the original production settings. */
export const DEFAULT_VOICE_PROFILES = [
  {
    character: 'every-coon',
    displayName: 'Every-Coon',
    description:
      'Main narrator. Deadpan curious raccoon. Confused but trying. Caveman speech pattern.',
    stability: 0.35,
    similarityBoost: 0.78,
    style: 0.45,
    speed: 1.0,
    localVoice: { variant: 'm3', pitch: 50 },
  },
  {
    character: 'boomer',
    displayName: 'Boomer',
    description: 'Old raccoon. Slow, grumbly, nostalgic. Slightly condescending.',
    stability: 0.5,
    similarityBoost: 0.78,
    style: 0.3,
    speed: 0.85,
    localVoice: { variant: 'm7', pitch: 30 },
  },
  {
    character: 'fed',
    displayName: 'Fed',
    description: 'Federal Reserve raccoon. Monotone, bureaucratic, completely detached.',
    stability: 0.65,
    similarityBoost: 0.78,
    style: 0.2,
    speed: 0.7,
    localVoice: { variant: 'm1', pitch: 40 },
  },
  {
    character: 'whale',
    displayName: 'Whale',
    description: 'Big money raccoon. Deep, confident, slightly menacing.',
    stability: 0.4,
    similarityBoost: 0.78,
    style: 0.5,
    speed: 0.95,
    localVoice: { variant: 'm2', pitch: 20 },
  },
  {
    character: 'wojak',
    displayName: 'Wojak',
    description: 'Panic raccoon. Whiny, panicked, defeated. Always losing.',
    stability: 0.3,
    similarityBoost: 0.78,
    style: 0.6,
    speed: 1.1,
    localVoice: { variant: 'm4', pitch: 75 },
  },
  {
    character: 'chad',
    displayName: 'Chad',
    description: 'Overconfident raccoon. Fast-talking, uses crypto slang. WAGMI energy.',
    stability: 0.4,
    similarityBoost: 0.78,
    style: 0.55,
    speed: 1.05,
    localVoice: { variant: 'm6', pitch: 60 },
  },
].map((profile) => ({ ...profile, voiceId: TRASH_PANDA_VOICE_ID }));

/**
 * Inserts the default profiles that are missing and leaves existing ones alone, so a user's
 * edits survive every restart. Returns the characters it inserted.
 */
export async function seedVoiceProfiles(db: StudioDb): Promise<string[]> {
  const rows = await db
    .insert(voiceProfiles)
    .values(DEFAULT_VOICE_PROFILES)
    .onConflictDoNothing({ target: voiceProfiles.character })
    .returning({ character: voiceProfiles.character });
  return rows.map((r) => r.character);
}
