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
  unique,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { bothOrNeither, oneOf } from './checks.js';
import { generationJobs } from './jobs.js';
import { sessions } from './sessions.js';
import type { LineTiming, SegmentSettings } from './shapes.js';

export const BEAT_STATUSES = [
  'pending',
  'queued',
  'generating',
  'ready',
  'failed',
  'stale',
] as const;
export type BeatStatus = (typeof BEAT_STATUSES)[number];

export const TAKE_PROVIDERS = ['elevenlabs', 'local'] as const;
export type TakeProvider = (typeof TAKE_PROVIDERS)[number];

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
    pauseAfterMs: integer('pause_after_ms').notNull().default(0),
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
    check('beats_pause_after_nonnegative', sql`${t.pauseAfterMs} >= 0`),
    check('beats_last_error_complete', bothOrNeither(t.lastErrorCode, t.lastErrorMessage)),
  ],
);

/** One generated audio file for a beat. Takes are kept; the beat points at the chosen one. */
export const takes = pgTable(
  'takes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    beatId: uuid('beat_id')
      .notNull()
      .references((): AnyPgColumn => beats.id, { onDelete: 'cascade' }),
    /** Where the audio lives in storage; the orphan-file sweep compares against these. */
    storageKey: text('storage_key').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** Per-segment settings actually sent to the provider (what "revise" starts from). */
    settings: jsonb('settings').$type<SegmentSettings[]>().notNull(),
    timings: jsonb('timings').$type<LineTiming[]>().notNull(),
    direction: text('direction'),
    provider: text('provider', { enum: TAKE_PROVIDERS }).notNull(),
    modelId: text('model_id').notNull(),
    charactersBilled: integer('characters_billed').notNull().default(0),
    /** Provider request ids, for support tickets and `previous_request_ids` continuity. */
    requestIds: text('request_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Hash of everything that shapes the audio; equal hashes can reuse the cached file. */
    contentHash: text('content_hash').notNull(),
    /** The beat text this take voiced: after a re-import, the UI can flag takes of older text. */
    voicedText: text('voiced_text').notNull(),
    /**
     * The generation job that produced this take. Unique, so re-running a job (a retry after a
     * crash, an expired lease) can never add a second take for it.
     */
    jobId: uuid('job_id')
      .unique('takes_job_id_uq')
      .references((): AnyPgColumn => generationJobs.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Target of beats_selected_take_fk.
    unique('takes_beat_id_id_uq').on(t.beatId, t.id),
    index('takes_beat_created_idx').on(t.beatId, t.createdAt),
    index('takes_content_hash_idx').on(t.contentHash),
    check('takes_provider_valid', oneOf(t.provider, TAKE_PROVIDERS)),
    check('takes_duration_nonnegative', sql`${t.durationMs} >= 0`),
    check('takes_characters_billed_nonnegative', sql`${t.charactersBilled} >= 0`),
  ],
);
