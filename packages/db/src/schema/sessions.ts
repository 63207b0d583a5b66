import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { oneOf } from './checks.js';
import { errorInfoSchema, type ErrorInfo } from './shapes.js';

export const SESSION_STATUSES = [
  'draft',
  'generating',
  'in_progress',
  'completed',
  /** Was approved, then stopped being (a re-import, a new selection, a rejection). */
  'in_review',
  /** Every beat's selected take is approved. */
  'approved',
  'exported',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * Beats with several characters on a model that voices dialogue (eleven_v3): one
 * text-to-dialogue performance, or one request per segment. `@studio/audio` holds the same list
 * (`DIALOGUE_MODES`); a server test keeps them equal.
 */
export const DIALOGUE_MODES = ['one_performance', 'per_segment'] as const;
export type DialogueMode = (typeof DIALOGUE_MODES)[number];

/** One production: a script being voiced, reviewed and exported. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    videoTitle: text('video_title').notNull(),
    project: text('project'),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('draft'),
    /** The ELS text the beats were parsed from; re-imports diff against it. */
    sourceEls: text('source_els').notNull(),
    dialogueMode: text('dialogue_mode', { enum: DIALOGUE_MODES })
      .notNull()
      .default('one_performance'),
    /** Provider characters billed for this session, summed from its takes. */
    charactersSpent: integer('characters_spent').notNull().default(0),
    /**
     * Credits this session may spend; NULL: no limit. Generation stops before a request that
     * would exceed it (`budget_exceeded`).
     */
    budgetCredits: integer('budget_credits'),
    /** Session-wide failure (`auth`, `quota_exceeded`) that stops every beat, not just one. */
    lastError: jsonb('last_error').$type<ErrorInfo>(),
    /** Transcribe takes to check them (speech recognition QC); null follows the studio setting. */
    qcListening: boolean('qc_listening'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Maintained by a trigger (see the `updated_at_triggers` migration). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('sessions_status_valid', oneOf(t.status, SESSION_STATUSES)),
    check('sessions_dialogue_mode_valid', oneOf(t.dialogueMode, DIALOGUE_MODES)),
    check('sessions_characters_spent_nonnegative', sql`${t.charactersSpent} >= 0`),
    check('sessions_budget_credits_nonnegative', sql`${t.budgetCredits} >= 0`),
    index('sessions_created_at_idx').on(t.createdAt),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;

/** The session's jsonb columns, checked when a row is read back (`checkRow`). */
export const sessionJsonColumns = z.looseObject({ lastError: errorInfoSchema.nullable() });
