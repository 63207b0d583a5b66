import { REJECTION_REASONS } from '@studio/db';
import { z } from 'zod';
import { storableText, TEXT_LIMITS } from './text.schema.js';

const author = storableText({ min: 1, max: TEXT_LIMITS.author, trim: true });
const noteText = storableText({ min: 1, max: TEXT_LIMITS.note, trim: true });
/** Milliseconds into the take; null or absent for the take as a whole. */
const atMs = z.number().int().nonnegative().max(86_400_000).nullable().optional();

export const takeRef = z.object({ takeId: z.uuid() });
export const noteRef = z.object({ noteId: z.uuid() });

export const approveInput = takeRef.extend({ author });

export const rejectInput = takeRef.extend({
  reason: z.enum(REJECTION_REASONS),
  author,
  note: z.object({ text: noteText, atMs }).optional(),
});

export const addNoteInput = takeRef.extend({ text: noteText, atMs, author });

export const resolveNoteInput = noteRef.extend({ resolved: z.boolean().default(true) });
