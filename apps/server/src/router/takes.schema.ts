import { z } from 'zod';

export const selectTakeInput = z.object({ beatId: z.uuid(), takeId: z.uuid() });

/** A page's worth of beats: what a review page shows at once, with room to read ahead. */
export const MAX_BEATS_PER_CALL = 100;

export const forBeatsInput = z.object({
  sessionId: z.uuid(),
  beatIds: z.array(z.uuid()).min(1).max(MAX_BEATS_PER_CALL),
});
