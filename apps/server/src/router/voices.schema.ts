import { voiceProfilePatchSchema } from '@studio/db';
import { z } from 'zod';

const character = z.string().trim().min(1).max(64);
const unit = z.number().min(0).max(1);

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
      stability: unit.optional(),
      similarityBoost: unit.optional(),
      style: unit.optional(),
      speed: z.number().min(0.7).max(1.2).optional(),
    })
    .optional(),
});
