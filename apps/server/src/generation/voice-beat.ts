/**
 * One generation job: voice the beat into a take and record it. The take's file is written
 * under a key derived from the job id, and the row is committed in the same transaction that
 * closes the job (`completeJob`): re-running an interrupted job overwrites its own file and can
 * never add a second take.
 */
import { setMaxListeners } from 'node:events';
import {
  beatNeighbours,
  completeJob,
  failJob,
  getBeat,
  getSessionVoicing,
  hasOpenJobs,
  listSessionJobs,
  type ErrorInfo,
  type GenerationJob,
} from '@studio/db';
import { Mp3EncoderError, renderTake, SpeechError } from '@studio/audio';
import type { Services } from '../context.js';
import { domainCodeOf } from '../errors.js';
import { surroundings } from './neighbours.js';
import { projectLexicon } from '../lexicon/project-lexicon.js';
import { BudgetExceededError } from './budgets.js';
import { statusAfterReview } from '../sessions/review-status.js';
import type { SessionReviewState } from '../events/session-state.js';
import { followUpQc, transcriberFor, withSessionChecks } from '../qc/take-qc.js';
import { renderProfiles } from './profiles.js';
import { providerFor } from './providers.js';
import { stopsSession } from './session-halts.js';

/**
 * The longest a job may take, retries included. A beat is a few segments that take seconds each;
 * a provider that stops answering would otherwise hold the job (and its beat `generating`)
 * through every retry's timeouts. Past it the job fails with `timeout`, for a person to retry.
 */
const JOB_DEADLINE_MS = 5 * 60_000;

/** `signal` aborts when the worker stops or loses the job: the job is left for another run. */
export async function voiceBeat(
  services: Services,
  job: GenerationJob,
  signal: AbortSignal,
  deadlineMs = JOB_DEADLINE_MS,
): Promise<void> {
  const { db, sessionState } = services;
  const deadline = AbortSignal.timeout(deadlineMs);
  const jobSignal = AbortSignal.any([signal, deadline]);
  // The job's provider requests all listen to this one signal (as to the worker's).
  setMaxListeners(0, jobSignal);
  const log = services.log.child({ jobId: job.id, beatId: job.beatId, sessionId: job.sessionId });
  try {
    const beat = await getBeat(db, job.beatId);
    // The beat was deleted by a re-import since it was queued (its job cascades away).
    if (!beat) return;
    sessionState.beatChanged(beat);

    const started = Date.now();
    const { direction, ...overrides } = job.overrides;
    // A regeneration ties into the neighbours' selected takes as they are now.
    const around = await beatNeighbours(db, beat);
    const session = await getSessionVoicing(db, job.sessionId);
    // Live prices for the budget and the ledger; the capability table's when the API is down.
    await services.account.models().catch(() => []);
    const rendered = await renderTake({
      ...surroundings(around.previous, around.next),
      dialogueMode: session.dialogueMode,
      beat: beat.parsed,
      profiles: await renderProfiles(services),
      overrides,
      lexicon: await projectLexicon(services, session.project),
      provider: providerFor(services, { log, sessionId: job.sessionId, jobId: job.id }),
      storage: services.storage,
      cache: services.cache,
      encoder: services.encoder,
      sessionId: job.sessionId,
      takeId: job.id,
      // Every job but a first voicing asks for a new performance.
      regenerate: job.kind !== 'generate',
      transcriber: transcriberFor(services, session.qcListening),
      signal: jobSignal,
    });
    const takeDirection = direction ?? beat.parsed.primaryDirection;
    const qc = await withSessionChecks(services, {
      sessionId: job.sessionId,
      beat,
      qc: rendered.qc,
      timings: rendered.take.timings,
      direction: takeDirection,
    });
    const completed = await completeJob(db, job.id, {
      ...rendered.take,
      creditsPerCharacter:
        rendered.take.provider === 'local' ? null : services.account.rate(rendered.take.modelId),
      qc,
      direction: takeDirection,
      // The text as it was read: if a re-import changes it meanwhile, the beat stays stale.
      voicedText: beat.text,
    });
    log.info(
      {
        takeId: completed.take.id,
        ms: Date.now() - started,
        requests: rendered.requests,
        cacheHits: rendered.cacheHits,
        charactersBilled: rendered.take.charactersBilled,
        qc: qc.status,
      },
      'beat voiced',
    );
    if (completed.created) {
      const selectedTakeId = completed.selected ? completed.take.id : beat.selectedTakeId;
      sessionState.takeAdded(completed.take, {
        sessionId: job.sessionId,
        text: beat.text,
        selectedTakeId,
      });
    }
    await followUpQc(services, job, completed);
  } catch (error) {
    // Shutting down: the job stays `running` and is requeued at the next start.
    if (signal.aborted) return;
    const failure = deadline.aborted
      ? new SpeechError(
          'timeout',
          `Voicing the beat took over ${Math.round(deadlineMs / 1000)} s: the voice provider did not answer in time. Try again later.`,
          { cause: error },
        )
      : error;
    await recordFailure(services, job, failure, log).catch((cause: unknown) =>
      // The job keeps its lease and is claimed again once the lease expires.
      log.error({ err: cause }, 'could not record a failed job'),
    );
  } finally {
    // Committed with the take, or never spent: the session row is the ledger again.
    services.budgets.settle(job.id);
  }
  try {
    await settleSession(services, await sessionState.beatsChanged(job.sessionId, [job.beatId]));
  } catch (error) {
    log.error({ err: error }, 'could not publish the state after a job');
  }
}

async function recordFailure(
  services: Services,
  job: GenerationJob,
  error: unknown,
  log: Services['log'],
): Promise<void> {
  // An encoder thread that failed or died fails the beat with its own code, for a person to retry.
  const code = domainCodeOf(error) ?? (error instanceof Mp3EncoderError ? error.code : 'internal');
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof BudgetExceededError) {
    log.warn({ creditsNeeded: error.creditsNeeded }, 'budget reached: stopping the session');
    await haltSession(services, job.sessionId, {
      code,
      message,
      creditsNeeded: error.creditsNeeded,
    });
    return;
  }
  if (stopsSession(error)) {
    log.error({ code }, 'provider refused the account: stopping the session');
    await haltSession(services, job.sessionId, { code, message });
    return;
  }
  log.error({ err: error, code }, 'beat failed');
  await failJob(services.db, job.id, { code, message });
}

/**
 * One session-level error instead of a failure per beat: every open job of the session fails
 * with the same code, so nothing more is sent to a provider that refuses the account.
 */
async function haltSession(services: Services, sessionId: string, error: ErrorInfo): Promise<void> {
  const { db } = services;
  const open = (await listSessionJobs(db, sessionId)).filter(isOpen);
  for (const job of open) await failJob(db, job.id, error);
  await services.sessionState.changeError(sessionId, error);
  await services.sessionState.beatsChanged(
    sessionId,
    open.map((job) => job.beatId),
  );
}

/**
 * When a generating session's queue has drained, generation is over: back to review (or straight
 * to `approved` when every beat's approved take is still selected).
 */
async function settleSession(services: Services, session: SessionReviewState): Promise<void> {
  if (session.status !== 'generating') return;
  if (await hasOpenJobs(services.db, session.id)) return;
  await services.sessionState.changeStatus(
    session.id,
    statusAfterReview('in_progress', session.beats),
  );
  // The header's remaining credits follow what the generation spent.
  await services.account.refreshCredits();
}

const isOpen = (job: GenerationJob) => job.status === 'queued' || job.status === 'running';
