import { speedSchema, unitSchema } from '@studio/audio';
import { voiceProfilePatchSchema } from '@studio/db';
import { z } from 'zod';

const character = z.string().trim().min(1).max(64);

export const updateVoiceInput = z.object({ character, patch: voiceProfilePatchSchema });

export const previewVoiceInput = z.object({
  character,
  /** The line to speak; a sample line when absent. */
  text: z.string().max(500).optional(),
  /** Settings to hear before saving them. */
  settings: z
    .strictObject({
      voiceId: z.string().trim().min(1).optional(),
      modelId: z.string().trim().min(1).optional(),
      stability: unitSchema.optional(),
      similarityBoost: unitSchema.optional(),
      style: unitSchema.optional(),
      speed: speedSchema.optional(),
    })
    .optional(),
});
