import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
import { beats } from './beats.js';
import { bothOrNeither, oneOf } from './checks.js';
import { sessions } from './sessions.js';
import { jobOverridesSchema, type JobOverrides } from './shapes.js';

/** `qc_retry`: the studio voices a beat once more because its first take failed take QC. */
export const JOB_KINDS = ['generate', 'regenerate', 'qc_retry'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * The durable generation queue. State lives here, not in memory, so a crash loses nothing and
 * several server processes can share one Postgres: workers claim with FOR UPDATE SKIP LOCKED and
 * hold a lease; a lease that expires (dead worker) makes the job claimable again.
 */
export const generationJobs = pgTable(
  'generation_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** FIFO order: jobs enqueued in one transaction share created_at. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    beatId: uuid('beat_id')
      .notNull()
      .references(() => beats.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: JOB_KINDS }).notNull(),
    overrides: jsonb('overrides').$type<JobOverrides>().notNull().default({}),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    /** Claims so far; the server decides when enough retries is enough. */
    attempts: integer('attempts').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    /** Worker holding the job while `running`. */
    leaseOwner: text('lease_owner'),
    /** After this instant a `running` job is presumed abandoned and can be claimed again. */
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    /** Retry backoff: a `queued` job is not claimed before this instant. */
    notBefore: timestamp('not_before', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Maintained by a trigger (see the `updated_at_triggers` migration). */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Claim scan: open jobs in FIFO order.
    index('generation_jobs_open_idx')
      .on(t.seq)
      .where(sql`${t.status} in ('queued', 'running')`),
    index('generation_jobs_session_idx').on(t.sessionId, t.seq),
    index('generation_jobs_beat_idx').on(t.beatId),
    // At most one open `generate` job per beat, even when two requests race; `regenerate`
    // (an explicit "another take, please") may stack.
    uniqueIndex('generation_jobs_one_open_generate_uq')
      .on(t.beatId)
      .where(sql`${t.kind} = 'generate' and ${t.status} in ('queued', 'running')`),
    check('generation_jobs_kind_valid', oneOf(t.kind, JOB_KINDS)),
    check('generation_jobs_status_valid', oneOf(t.status, JOB_STATUSES)),
    check('generation_jobs_attempts_nonnegative', sql`${t.attempts} >= 0`),
    check(
      'generation_jobs_last_error_complete',
      bothOrNeither(t.lastErrorCode, t.lastErrorMessage),
    ),
    check(
      'generation_jobs_running_has_lease',
      sql`${t.status} <> 'running' or (${t.leaseOwner} is not null and ${t.leaseExpiresAt} is not null)`,
    ),
  ],
);

export type GenerationJob = typeof generationJobs.$inferSelect;

/** The job's jsonb columns, checked when a row is read back (`checkRow`). */
export const jobJsonColumns = z.looseObject({ overrides: jobOverridesSchema });
