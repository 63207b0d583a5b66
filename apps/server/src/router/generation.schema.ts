import { jobOverridesSchema } from '@studio/db';
import { z } from 'zod';
import { sessionRef } from './sessions.schema.js';
import { storableText, TEXT_LIMITS } from './text.schema.js';

export const regenerateBeatInput = sessionRef.extend({
  beatId: z.uuid(),
  /** direction, pace, stability, style, similarityBoost: absent ones keep the script's. */
  overrides: jobOverridesSchema
    .extend({ direction: storableText({ max: TEXT_LIMITS.direction }).optional() })
    .default({}),
});
