import { z } from 'zod';
import { sessionRef } from './sessions.schema.js';

export const createExportInput = sessionRef.extend({
  /** Integrated loudness in LUFS (podcast −16, streaming −14, broadcast −23); null keeps levels. */
  loudness: z.union([z.literal(-16), z.literal(-14), z.literal(-23), z.null()]).default(null),
  /** Export the beats that have a selected take, skipping the others. */
  partial: z.boolean().default(false),
});

export const exportRef = z.object({ exportId: z.uuid() });
