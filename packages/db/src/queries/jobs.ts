import { and, asc, count, eq, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { StudioDb } from '../client.js';
import { DbError, parseOrThrow } from '../errors.js';
import {
  beats,
  generationJobs,
  JOB_KINDS,
  jobOverridesSchema,
  sessions,
  takes,
  type BeatStatus,
  type ErrorInfo,
  type GenerationJob,
  type JobKind,
  type JobOverrides,
} from '../schema/index.js';
import { restingBeatStatus } from './beats.js';
import { checkJob } from './check-rows.js';
import { chunks, IDS_PER_STATEMENT, ROWS_PER_INSERT } from './chunks.js';
import { addCharactersSpent } from './sessions.js';
import { insertTakeRow, type AddedTake, type NewTake } from './takes.js';

const jobRequestsSchema = z.array(
  z.object({
    beatId: z.string(),
    kind: z.enum(JOB_KINDS),
    overrides: jobOverridesSchema.default({}),
  }),
);

export interface JobRequest {
  beatId: string;
  kind: JobKind;
  overrides?: JobOverrides;
}

const OPEN: GenerationJob['status'][] = ['queued', 'running'];

/**
 * Queues generation jobs for beats of a session and marks those beats `queued`. A `generate`
 * for a beat that already has an open `generate` job is skipped (a unique index decides, so
 * racing requests cannot both win); `regenerate` always queues. Returns the jobs created.
 */
export async function enqueueJobs(
  db: StudioDb,
  sessionId: string,
  requests: JobRequest[],
): Promise<GenerationJob[]> {
  const values = parseOrThrow(jobRequestsSchema, requests, 'INVALID_SETTINGS').map((r) => ({
    ...r,
    sessionId,
  }));
  return db.transaction(async (tx) => {
    const [session] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    if (!session) throw new DbError('SESSION_NOT_FOUND', `no session ${sessionId}`);
    if (values.length === 0) return [];
    const beatIds = [...new Set(values.map((v) => v.beatId))];
    let found = 0;
    for (const chunk of chunks(beatIds, IDS_PER_STATEMENT)) {
      const [row] = await tx
        .select({ n: count() })
        .from(beats)
        .where(and(eq(beats.sessionId, sessionId), inArray(beats.id, chunk)));
      found += row?.n ?? 0;
    }
    if (found !== beatIds.length) {
      throw new DbError('BEAT_NOT_FOUND', `not every beat belongs to session ${sessionId}`);
    }
    const jobs: GenerationJob[] = [];
    for (const chunk of chunks(values, ROWS_PER_INSERT)) {
      jobs.push(
        ...(await tx.insert(generationJobs).values(chunk).onConflictDoNothing().returning()),
      );
    }
    await setBeatsStatus(
      tx,
      jobs.map((j) => j.beatId),
      'queued',
      // A beat already generating (a stacked regenerate) keeps showing that.
      sql`${beats.status} <> 'generating'`,
    );
    return sortBySeq(jobs);
  });
}

export interface ClaimOptions {
  /** Identifies the worker (e.g. `hostname:pid`); `requeueInterrupted` uses it after a crash. */
  owner: string;
  limit: number;
  /** How long the claim holds before another worker may take the job over. */
  leaseMs: number;
}

/**
 * Hands out up to `limit` claimable jobs in FIFO order: queued jobs past their backoff, and
 * running jobs whose lease expired. FOR UPDATE SKIP LOCKED lets several workers (and server
 * processes) claim at once without ever getting the same job. Claimed jobs become `running`,
 * their beats `generating`.
 */
export async function claimJobs(db: StudioDb, opts: ClaimOptions): Promise<GenerationJob[]> {
  if (!Number.isInteger(opts.limit) || opts.limit < 1) {
    throw new DbError('INVALID_INPUT', 'limit must be a positive integer', 'limit');
  }
  const lease = leaseEnd(opts.leaseMs);
  return db.transaction(async (tx) => {
    const claimable = tx.$with('claimable').as(
      tx
        .select({ id: generationJobs.id })
        .from(generationJobs)
        .where(
          or(
            and(
              eq(generationJobs.status, 'queued'),
              or(isNull(generationJobs.notBefore), lte(generationJobs.notBefore, sql`now()`)),
            ),
            and(
              eq(generationJobs.status, 'running'),
              lt(generationJobs.leaseExpiresAt, sql`now()`),
            ),
          ),
        )
        .orderBy(asc(generationJobs.seq))
        .limit(opts.limit)
        .for('update', { skipLocked: true }),
    );
    const jobs = await tx
      .with(claimable)
      .update(generationJobs)
      .set({
        status: 'running',
        attempts: sql`${generationJobs.attempts} + 1`,
        leaseOwner: opts.owner,
        leaseExpiresAt: lease,
      })
      .where(inArray(generationJobs.id, tx.select({ id: claimable.id }).from(claimable)))
      .returning();
    await setBeatsStatus(
      tx,
      jobs.map((j) => j.beatId),
      'generating',
    );
    return sortBySeq(jobs);
  });
}

export interface RenewOptions {
  owner: string;
  /** The jobs the worker is running right now. */
  jobIds: string[];
  leaseMs: number;
}

/**
 * Extends `owner`'s leases on the jobs it is still running, and returns the ids it still holds.
 * A job missing from the answer was cancelled, or its lease ran out and another worker took it
 * over: the caller should stop working on it.
 */
export async function renewLeases(db: StudioDb, opts: RenewOptions): Promise<string[]> {
  const lease = leaseEnd(opts.leaseMs);
  if (opts.jobIds.length === 0) return [];
  const renewed = await db
    .update(generationJobs)
    .set({ leaseExpiresAt: lease })
    .where(
      and(
        inArray(generationJobs.id, opts.jobIds),
        eq(generationJobs.status, 'running'),
        eq(generationJobs.leaseOwner, opts.owner),
      ),
    )
    .returning({ id: generationJobs.id });
  return renewed.map((job) => job.id);
}

export interface CompletedJob extends AddedTake {
  /** False when the job had already completed: `take` is the take stored then. */
  created: boolean;
}

/**
 * Records the take a job produced, in one transaction: inserts it (tagged with the job), selects
 * it if the beat had no selection, marks the job `done` and the beat `ready`, and adds the
 * billed characters to the session. Idempotent: completing a job again returns its existing
 * take. A take that voiced text a re-import has since changed leaves the beat `stale`.
 */
export async function completeJob(
  db: StudioDb,
  jobId: string,
  produced: Omit<NewTake, 'beatId'>,
): Promise<CompletedJob> {
  // Few statements: each is a round trip on the event loop (embedded PGlite) of every job.
  return db.transaction(async (tx) => {
    // The row lock serialises concurrent completions of one job. The take is read after it, in
    // a statement of its own: one that waited for the lock sees the take its rival committed.
    const job = await lockJob(tx, jobId);
    const [existing] = await tx.select().from(takes).where(eq(takes.jobId, jobId));
    if (existing) {
      const [beat] = await tx
        .select({ selectedTakeId: beats.selectedTakeId })
        .from(beats)
        .where(eq(beats.id, job.beatId));
      return { take: existing, selected: beat?.selectedTakeId === existing.id, created: false };
    }
    const take = await insertTakeRow(tx, { ...produced, beatId: job.beatId, jobId });
    const voicedCurrentText = sql`${beats.text} = ${produced.voicedText}`;
    // The selection, when the beat had none (concurrent first takes serialise on the beat row,
    // only one sees it empty), and the status, in one update of the beat.
    const [beat] = await tx
      .update(beats)
      .set({
        selectedTakeId: sql`coalesce(${beats.selectedTakeId}, ${take.id})`,
        status: sql`case when ${voicedCurrentText} or ${beats.staleReason} is null then 'ready' else 'stale' end`,
        staleReason: sql`case when ${voicedCurrentText} then null else ${beats.staleReason} end`,
        lastErrorCode: null,
        lastErrorMessage: null,
      })
      .where(eq(beats.id, job.beatId))
      .returning({ selectedTakeId: beats.selectedTakeId });
    await tx
      .update(generationJobs)
      .set({ status: 'done', ...NO_LEASE, lastErrorCode: null, lastErrorMessage: null })
      .where(eq(generationJobs.id, jobId));
    await addCharactersSpent(tx, job.sessionId, produced.charactersBilled ?? 0);
    return { take, selected: beat?.selectedTakeId === take.id, created: true };
  });
}

export interface JobFailure extends ErrorInfo {
  /** Retry at this instant (the job goes back to `queued`); without it the job fails for good. */
  retryAt?: Date;
}

/**
 * Records a failed attempt. With `retryAt` the job is re-queued behind a backoff; otherwise the
 * job and its beat become `failed` with the error. A job that is no longer open (completed
 * meanwhile by another worker, or cancelled) is returned unchanged.
 */
export async function failJob(
  db: StudioDb,
  jobId: string,
  failure: JobFailure,
): Promise<GenerationJob> {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, jobId);
    if (!OPEN.includes(job.status)) return job;
    const error = { lastErrorCode: failure.code, lastErrorMessage: failure.message };
    const retry = failure.retryAt !== undefined;
    const [updated] = await tx
      .update(generationJobs)
      .set({
        ...error,
        ...NO_LEASE,
        status: retry ? 'queued' : 'failed',
        notBefore: failure.retryAt ?? null,
      })
      .where(eq(generationJobs.id, jobId))
      .returning();
    if (!updated) throw new DbError('JOB_NOT_FOUND', `no job ${jobId}`);
    await tx
      .update(beats)
      .set(retry ? { status: 'queued' } : { status: 'failed', ...error })
      .where(eq(beats.id, job.beatId));
    return updated;
  });
}

/**
 * Cancels the open jobs of a session; their beats return to their resting status. A worker
 * still running a cancelled job may complete it: the take is kept (it was paid for).
 */
export async function cancelJobs(db: StudioDb, sessionId: string): Promise<GenerationJob[]> {
  return db.transaction(async (tx) => {
    const jobs = await tx
      .update(generationJobs)
      .set({ status: 'cancelled', ...NO_LEASE })
      .where(and(eq(generationJobs.sessionId, sessionId), inArray(generationJobs.status, OPEN)))
      .returning();
    await setBeatsStatus(
      tx,
      jobs.map((j) => j.beatId),
      restingBeatStatus,
    );
    return sortBySeq(jobs);
  });
}

/**
 * Puts interrupted jobs back in the queue, for a server starting up: running jobs whose lease
 * expired, plus every running job of `owner` (this process's previous life).
 */
export async function requeueInterrupted(
  db: StudioDb,
  opts: { owner?: string } = {},
): Promise<GenerationJob[]> {
  return db.transaction(async (tx) => {
    const jobs = await tx
      .update(generationJobs)
      .set({ status: 'queued', ...NO_LEASE })
      .where(
        and(
          eq(generationJobs.status, 'running'),
          or(
            lt(generationJobs.leaseExpiresAt, sql`now()`),
            opts.owner === undefined ? undefined : eq(generationJobs.leaseOwner, opts.owner),
          ),
        ),
      )
      .returning();
    await setBeatsStatus(
      tx,
      jobs.map((j) => j.beatId),
      'queued',
    );
    return sortBySeq(jobs);
  });
}

/** A session's jobs of every status, in queue order. */
export async function listSessionJobs(db: StudioDb, sessionId: string): Promise<GenerationJob[]> {
  const jobs = await db
    .select()
    .from(generationJobs)
    .where(eq(generationJobs.sessionId, sessionId))
    .orderBy(asc(generationJobs.seq));
  return jobs.map(checkJob);
}

/** Whether a session still has a queued or running job: one indexed row at most, not the list. */
export async function hasOpenJobs(db: StudioDb, sessionId: string): Promise<boolean> {
  const rows = await db
    .select({ id: generationJobs.id })
    .from(generationJobs)
    .where(and(eq(generationJobs.sessionId, sessionId), inArray(generationJobs.status, OPEN)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Ids of every queued or running job. Their take files may already be written but not yet
 * committed, so the orphan-file sweep must keep them.
 */
export async function openJobIds(db: StudioDb): Promise<string[]> {
  const rows = await db
    .select({ id: generationJobs.id })
    .from(generationJobs)
    .where(inArray(generationJobs.status, OPEN));
  return rows.map((row) => row.id);
}

const NO_LEASE = { leaseOwner: null, leaseExpiresAt: null };

/** The end of a lease of `leaseMs` from now, on the database's clock (shared by every worker). */
function leaseEnd(leaseMs: number): SQL<Date> {
  if (!Number.isInteger(leaseMs) || leaseMs < 1) {
    throw new DbError('INVALID_INPUT', 'leaseMs must be a positive integer', 'leaseMs');
  }
  return sql<Date>`now() + ${sql.raw(String(leaseMs))} * interval '1 millisecond'`;
}

async function lockJob(db: StudioDb, jobId: string): Promise<GenerationJob> {
  const [job] = await db
    .select()
    .from(generationJobs)
    .where(eq(generationJobs.id, jobId))
    .for('update');
  if (!job) throw new DbError('JOB_NOT_FOUND', `no job ${jobId}`);
  return job;
}

async function setBeatsStatus(
  db: StudioDb,
  beatIds: string[],
  status: BeatStatus | SQL<BeatStatus>,
  condition?: SQL,
): Promise<void> {
  // Lock in id order first: two transactions updating overlapping beat sets (stacked
  // regenerates claimed by two workers) in different orders would otherwise deadlock. Sorted
  // here too, so the chunks lock in one global order (uuids compare as their lowercase text).
  const ids = chunks([...new Set(beatIds)].sort(), IDS_PER_STATEMENT);
  for (const chunk of ids) {
    await db
      .select({ id: beats.id })
      .from(beats)
      .where(inArray(beats.id, chunk))
      .orderBy(asc(beats.id))
      .for('no key update');
  }
  for (const chunk of ids) {
    await db
      .update(beats)
      .set({ status })
      .where(and(inArray(beats.id, chunk), condition));
  }
}

function sortBySeq(jobs: GenerationJob[]): GenerationJob[] {
  return jobs.sort((a, b) => a.seq - b.seq);
}
