import type { Beat as ParsedBeat } from '@studio/els';
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { bothOrNeither, oneOf } from './checks.js';
import { sessions } from './sessions.js';
import { parsedBeatSchema } from './shapes.js';
import { takes } from './takes.js';

export const BEAT_STATUSES = [
  'pending',
  'queued',
  'generating',
  'ready',
  'failed',
  'stale',
] as const;
export type BeatStatus = (typeof BEAT_STATUSES)[number];

/** One `[BEAT:…]` block of a session's script, plus its generation state. */
export const beats = pgTable(
  'beats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** Script order; re-imports rewrite it. */
    position: integer('position').notNull(),
    /** The beat id written in the script (`hook`); unique per session, ignoring case. */
    beatKey: text('beat_key').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    /** The whole parsed beat (lines, segments, directions) so generation needs no re-parse. */
    parsed: jsonb('parsed').$type<ParsedBeat>().notNull(),
    /** Spoken text of the beat; takes record which version of it they voiced. */
    text: text('text').notNull(),
    status: text('status', { enum: BEAT_STATUSES }).notNull().default('pending'),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    /**
     * The take used for export. The composite foreign key below makes "selected take belongs to
     * this beat" a database fact, and a single column makes "at most one selected" impossible to
     * break, whatever the concurrency.
     */
    selectedTakeId: uuid('selected_take_id'),
    /** Why the beat needs a new take after a re-import changed it; NULL when up to date. */
    staleReason: text('stale_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Maintained by a trigger (see the `updated_at_triggers` migration). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('beats_session_beat_key_uq').on(t.sessionId, sql`lower(${t.beatKey})`),
    index('beats_session_position_idx').on(t.sessionId, t.position),
    // NO ACTION (the default): a selected take cannot be deleted out from under its beat; clear
    // the selection first (deleteTake does). Deleting the beat itself still works: the check
    // runs at the end of the statement, when the cascade has removed the beat row too.
    foreignKey({
      name: 'beats_selected_take_fk',
      columns: [t.id, t.selectedTakeId],
      foreignColumns: [takes.beatId, takes.id],
    }),
    check('beats_status_valid', oneOf(t.status, BEAT_STATUSES)),
    check('beats_last_error_complete', bothOrNeither(t.lastErrorCode, t.lastErrorMessage)),
  ],
);

export type BeatRow = typeof beats.$inferSelect;

/** The beat's jsonb columns, checked when a row is read back (`checkRow`). */
export const beatJsonColumns = z.looseObject({ parsed: parsedBeatSchema });
