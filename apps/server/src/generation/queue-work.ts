/**
 * Queueing generation: what the `generation.*` procedures do. Jobs go into the durable queue
 * (the database); the worker picks them up, in this process or another one.
 */
import {
  cancelJobs,
  enqueueJobs,
  getSessionOutline,
  type BeatStatus,
  type JobOverrides,
  type JobRequest,
} from '@studio/db';
import type { Services } from '../context.js';

type QueueServices = Pick<Services, 'db' | 'sessionState' | 'halts' | 'wakeWorker'>;

async function queue(
  services: QueueServices,
  sessionId: string,
  requests: JobRequest[],
): Promise<{ queued: number }> {
  const { db, sessionState } = services;
  // A new attempt clears a session-wide stop (auth, quota): the user says it is fixed.
  services.halts.clear(sessionId);
  await sessionState.changeError(sessionId, null);
  const jobs = await enqueueJobs(db, sessionId, requests);
  if (jobs.length > 0) await sessionState.changeStatus(sessionId, 'generating');
  await sessionState.beatsChanged(
    sessionId,
    jobs.map((job) => job.beatId),
  );
  // After publishing, so that browsers see the beats queued before they see them generating.
  if (jobs.length > 0) services.wakeWorker();
  return { queued: jobs.length };
}

async function beatsIn(
  services: QueueServices,
  sessionId: string,
  statuses: readonly BeatStatus[],
): Promise<JobRequest[]> {
  const session = await getSessionOutline(services.db, sessionId);
  return session.beats
    .filter((beat) => statuses.includes(beat.status))
    .map((beat) => ({ beatId: beat.id, kind: 'generate' }));
}

/** Beats without a current take: what `generation.start` queues. */
export const QUEUED_BY_START: readonly BeatStatus[] = ['pending', 'stale', 'failed'];

export async function startGeneration(services: QueueServices, sessionId: string) {
  return queue(services, sessionId, await beatsIn(services, sessionId, QUEUED_BY_START));
}

export async function retryFailed(services: QueueServices, sessionId: string) {
  return queue(services, sessionId, await beatsIn(services, sessionId, ['failed']));
}

/** Another take of one beat with a reviewer's revisions; the beat's earlier takes stay. */
export async function regenerateBeat(
  services: QueueServices,
  input: { sessionId: string; beatId: string; overrides: JobOverrides },
) {
  return queue(services, input.sessionId, [
    { beatId: input.beatId, kind: 'regenerate', overrides: input.overrides },
  ]);
}

/** Cancels the session's queued work; a beat already being voiced may still finish. */
export async function cancelGeneration(services: QueueServices, sessionId: string) {
  const jobs = await cancelJobs(services.db, sessionId);
  if (jobs.length > 0) await services.sessionState.changeStatus(sessionId, 'in_progress');
  await services.sessionState.beatsChanged(
    sessionId,
    jobs.map((job) => job.beatId),
  );
  return { cancelled: jobs.length };
}
