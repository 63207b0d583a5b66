import { SESSION_STATUSES } from '@studio/db';
import { z } from 'zod';

export const sessionRef = z.object({ sessionId: z.uuid() });

export const createSessionInput = z.object({
  source: z.string(),
  /** Overrides the script's `video_title`. */
  videoTitle: z.string().trim().min(1).max(200).optional(),
});

export const renameSessionInput = sessionRef.extend({
  videoTitle: z.string().trim().min(1).max(200),
});

export const setStatusInput = sessionRef.extend({ status: z.enum(SESSION_STATUSES) });

export const reimportPreviewInput = sessionRef.extend({ source: z.string() });

export const reimportInput = reimportPreviewInput.extend({
  /** The beat ids the preview listed as removed: confirms their deletion. */
  removeBeatKeys: z.array(z.string()).default([]),
});
