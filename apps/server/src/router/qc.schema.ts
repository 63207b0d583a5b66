import { z } from 'zod';
import { sessionRef } from './sessions.schema.js';

export const takeRef = z.object({ takeId: z.uuid() });

export const setListeningInput = sessionRef.extend({
  /** Transcribe this session's takes to check them; null follows the studio's setting. */
  listening: z.boolean().nullable(),
});
