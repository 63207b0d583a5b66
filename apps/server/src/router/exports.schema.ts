import { loudnessSchema } from '@studio/audio';
import { z } from 'zod';
import { sessionRef } from './sessions.schema.js';

export const createExportInput = sessionRef.extend({
  /** Integrated loudness in LUFS (one of `LOUDNESS_PRESETS`); null keeps levels. */
  loudness: loudnessSchema.nullable().default(null),
  /** Export the beats that have a selected take, skipping the others. */
  partial: z.boolean().default(false),
  /** Export only the beats whose selected take is approved, skipping the others. */
  approvedOnly: z.boolean().default(false),
  /** Export selected takes that failed take QC (refused with FLAGGED_TAKES otherwise). */
  allowFlagged: z.boolean().default(false),
});

export const exportRef = z.object({ exportId: z.uuid() });
