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
  'exported',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

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
    /** Provider characters billed for this session, summed from its takes. */
    charactersSpent: integer('characters_spent').notNull().default(0),
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
    check('sessions_characters_spent_nonnegative', sql`${t.charactersSpent} >= 0`),
    index('sessions_created_at_idx').on(t.createdAt),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;

/** The session's jsonb columns, checked when a row is read back (`checkRow`). */
export const sessionJsonColumns = z.looseObject({ lastError: errorInfoSchema.nullable() });
