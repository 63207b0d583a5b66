import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { oneOf } from './checks.js';
import { takes } from './takes.js';

export const TAKE_DECISIONS = ['approved', 'rejected'] as const;
export type TakeDecision = (typeof TAKE_DECISIONS)[number];

/** Why a take is out: the fixed list a reviewer picks from (a DB constraint, not just a form). */
export const REJECTION_REASONS = [
  'mispronounced',
  'wrong_emphasis',
  'wrong_tone',
  'pacing',
  'glitch',
  'wrong_words',
  'level',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** A reviewer's note on a take, optionally pinned to a time in it. */
export const takeNotes = pgTable(
  'take_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    takeId: uuid('take_id')
      .notNull()
      .references(() => takes.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /** Where in the take the note points (the waveform marker); NULL for the take as a whole. */
    atMs: integer('at_ms'),
    /** Free text remembered by the browser: there are no accounts. */
    author: text('author').notNull(),
    resolved: boolean('resolved').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('take_notes_take_created_idx').on(t.takeId, t.createdAt),
    check('take_notes_at_ms_nonnegative', sql`${t.atMs} >= 0`),
    check('take_notes_text_not_blank', sql`btrim(${t.text}) <> ''`),
  ],
);

export type TakeNoteRow = typeof takeNotes.$inferSelect;

/**
 * A reviewer's decision on a take, at most one per take. The beat id is stored (and tied to the
 * take by the composite key) so that "at most one approved take per beat" is a unique index.
 */
export const takeDecisions = pgTable(
  'take_decisions',
  {
    takeId: uuid('take_id').primaryKey(),
    beatId: uuid('beat_id').notNull(),
    decision: text('decision', { enum: TAKE_DECISIONS }).notNull(),
    /** Required for a rejection, absent for an approval. */
    reason: text('reason', { enum: REJECTION_REASONS }),
    /** The note the rejection was given with (also in `take_notes`, where markers come from). */
    noteId: uuid('note_id').references(() => takeNotes.id, { onDelete: 'set null' }),
    author: text('author').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'take_decisions_take_fk',
      columns: [t.beatId, t.takeId],
      foreignColumns: [takes.beatId, takes.id],
    }).onDelete('cascade'),
    uniqueIndex('take_decisions_one_approved_per_beat_uq')
      .on(t.beatId)
      .where(sql`${t.decision} = 'approved'`),
    check('take_decisions_decision_valid', oneOf(t.decision, TAKE_DECISIONS)),
    check('take_decisions_reason_valid', oneOf(t.reason, REJECTION_REASONS)),
    check(
      'take_decisions_reason_iff_rejected',
      sql`(${t.decision} = 'rejected') = (${t.reason} is not null)`,
    ),
  ],
);

export type TakeDecisionRow = typeof takeDecisions.$inferSelect;
