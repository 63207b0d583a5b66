import { speedSchema, unitSchema } from '@studio/audio';
import { voiceProfilePatchSchema } from '@studio/db';
import { z } from 'zod';
import { storableText, TEXT_LIMITS, voiceId } from './text.schema.js';

const character = storableText({ min: 1, max: TEXT_LIMITS.character, trim: true });
const modelId = storableText({ min: 1, max: TEXT_LIMITS.modelId, trim: true });

export const updateVoiceInput = z.object({
  character,
  patch: voiceProfilePatchSchema.extend({
    displayName: storableText({ min: 1, max: TEXT_LIMITS.displayName, trim: true }).optional(),
    description: storableText({ max: TEXT_LIMITS.description }).optional(),
    voiceId: voiceId.optional(),
    modelId: modelId.optional(),
  }),
});

/** A page of the account's voice library, optionally searched. */
export const voiceLibraryInput = z.object({
  search: storableText({ max: TEXT_LIMITS.voiceSearch, trim: true }).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
  nextPageToken: storableText({ max: 200 }).optional(),
});

export const previewVoiceInput = z.object({
  character,
  /** The line to speak; a sample line when absent. */
  text: storableText({ max: TEXT_LIMITS.previewText }).optional(),
  /** Settings to hear before saving them. */
  settings: z
    .strictObject({
      voiceId: voiceId.optional(),
      modelId: modelId.optional(),
      stability: unitSchema.optional(),
      similarityBoost: unitSchema.optional(),
      style: unitSchema.optional(),
      speed: speedSchema.optional(),
    })
    .optional(),
});
