import { DIALOGUE_MODES, SESSION_STATUSES } from '@studio/db';
import { z } from 'zod';
import { storableText, TEXT_LIMITS } from './text.schema.js';

export const sessionRef = z.object({ sessionId: z.uuid() });

const title = storableText({ min: 1, max: TEXT_LIMITS.title, trim: true });

export const createSessionInput = z.object({
  source: z.string(),
  /** Overrides the script's `video_title`. */
  videoTitle: title.optional(),
  /** Beats with several characters on a dialogue model (eleven_v3); default one performance. */
  dialogueMode: z.enum(DIALOGUE_MODES).optional(),
});

export const setDialogueModeInput = sessionRef.extend({ dialogueMode: z.enum(DIALOGUE_MODES) });

export const renameSessionInput = sessionRef.extend({
  videoTitle: title,
});

/** Credits the session may spend; null lifts the limit. */
export const setBudgetInput = sessionRef.extend({
  credits: z.number().int().min(0).max(1_000_000_000).nullable(),
});

export const setStatusInput = sessionRef.extend({ status: z.enum(SESSION_STATUSES) });

export const reimportPreviewInput = sessionRef.extend({ source: z.string() });

export const reimportInput = reimportPreviewInput.extend({
  /** The beat ids the preview listed as removed: confirms their deletion. */
  removeBeatKeys: z.array(storableText({ max: TEXT_LIMITS.beatKey })).default([]),
});

const typedRef = (max: number) =>
  z.union([storableText({ min: 1, max, trim: true }), z.number().int().positive()]);

/** What a person types to name a session, a beat of it and a take of that beat. */
export const resolveRefsInput = z.object({
  /** An id or a unique prefix of one. */
  session: storableText({ min: 1, max: TEXT_LIMITS.idRef, trim: true }),
  /** The script's beat id (`01_hook`), the beat's number (1 = first) or its id. */
  beat: typedRef(TEXT_LIMITS.beatKey).optional(),
  /** The take's number within the beat (1 = oldest) or its id. */
  take: typedRef(TEXT_LIMITS.idRef).optional(),
});
