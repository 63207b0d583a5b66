import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { z } from 'zod';
// beats and takes reference each other (a take's beat, a beat's selected take), so these two
// modules import each other; drizzle resolves both references lazily, after both have loaded.
import { beats } from './beats.js';
import { oneOf } from './checks.js';
import { generationJobs } from './jobs.js';
import { PENDING_QC, takeQcSchema, type TakeQc } from './qc.js';
import {
  lineTimingSchema,
  segmentContinuitySchema,
  segmentSettingsSchema,
  type LineTiming,
  type SegmentContinuity,
  type SegmentSettings,
} from './shapes.js';

export const TAKE_PROVIDERS = ['elevenlabs', 'local'] as const;
export type TakeProvider = (typeof TAKE_PROVIDERS)[number];

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
    /** Credits its requests cost, as the provider's `character-cost` headers said. */
    charactersBilled: integer('characters_billed').notNull().default(0),
    /** The model's price when voiced (`/v1/models` `character_cost_multiplier`); NULL: unknown. */
    creditsPerCharacter: doublePrecision('credits_per_character'),
    /** Provider request ids, for support tickets and `previous_request_ids` continuity. */
    requestIds: text('request_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Per segment: the request that voiced it and what tied it to its neighbours (request ids,
     * text or nothing; one dialogue). Regenerating a neighbour reads the ids from here.
     */
    continuity: jsonb('continuity')
      .$type<SegmentContinuity[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
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
    /** Take QC: signal checks, speech recognition, session outliers (`pending` until run). */
    qc: jsonb('qc').$type<TakeQc>().notNull().default(PENDING_QC),
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

export type TakeRow = typeof takes.$inferSelect;

/** The take's jsonb columns, checked when a row is read back (`checkRow`). */
export const takeJsonColumns = z.looseObject({
  settings: z.array(segmentSettingsSchema),
  timings: z.array(lineTimingSchema),
  continuity: z.array(segmentContinuitySchema),
  qc: takeQcSchema,
});
