/**
 * Take QC where the session is known: whether a session's takes are transcribed, the checks
 * that compare a take with the session's others, the one automatic retry of a beat whose first
 * take failed, and `qc.rerun`.
 */
import {
  decodeToPcm,
  listenToTake,
  MP3_SAMPLE_RATE,
  sessionChecks,
  updateQc,
  type LineTiming,
  type QcResult,
  type Transcriber,
} from '@studio/audio';
import {
  enqueueJobs,
  getBeat,
  getSessionQcListening,
  getTake,
  selectTake,
  sessionQcNorms,
  setTakeQc,
  DbError,
  type BeatRow,
  type GenerationJob,
  type TakeRow,
} from '@studio/db';
import type { Services } from '../context.js';
import { takeView, type TakeView } from '../sessions/views.js';

/** The transcriber for a session's takes: the session's setting, else the studio's. */
export async function sessionTranscriber(
  services: Pick<Services, 'db' | 'transcriber'>,
  sessionId: string,
): Promise<Transcriber | null> {
  return transcriberFor(services, await getSessionQcListening(services.db, sessionId));
}

/** The studio's transcriber unless the session's own setting (`qcListening`) turns it off. */
export function transcriberFor(
  services: Pick<Services, 'transcriber'>,
  qcListening: boolean | null,
): Transcriber | null {
  return qcListening === false ? null : services.transcriber;
}

/** Whether a session's takes are transcribed: its own setting, else the studio's default. */
export async function sessionListens(
  services: Pick<Services, 'db' | 'transcriber'>,
  sessionId: string,
): Promise<boolean> {
  return (await sessionTranscriber(services, sessionId)) !== null;
}

/** Directions that may explain a take's loudness: the take's and its lines'. */
function directionsOf(beat: BeatRow, direction: string | null): (string | null)[] {
  return [direction, ...beat.parsed.lines.map((line) => line.direction)];
}

/** The take's QC with the session-wide checks against the session's other takes. */
export async function withSessionChecks(
  services: Pick<Services, 'db'>,
  input: {
    sessionId: string;
    beat: BeatRow;
    qc: QcResult;
    timings: LineTiming[];
    direction: string | null;
    takeId?: string;
    listening?: Awaited<ReturnType<typeof listenToTake>>;
  },
): Promise<QcResult> {
  const { stats } = input.qc;
  const session = stats
    ? sessionChecks({
        stats,
        timings: input.timings,
        directions: directionsOf(input.beat, input.direction),
        norms: await sessionQcNorms(services.db, {
          sessionId: input.sessionId,
          ...(input.takeId === undefined ? {} : { takeId: input.takeId }),
          lines: stats.lines,
        }),
      })
    : [];
  return updateQc(input.qc, {
    session,
    ...(input.listening === undefined ? {} : { listening: input.listening }),
  });
}

/**
 * After a take is stored: a beat's first take that fails QC is voiced once more (a `qc_retry`
 * job); the retry's take is selected when it does not fail. A retry that fails again is left
 * for the director: both takes stay.
 */
export async function followUpQc(
  services: Pick<Services, 'db' | 'qcAutoRegenerate' | 'wakeWorker' | 'sessionState'>,
  job: GenerationJob,
  completed: { take: TakeRow; selected: boolean; created: boolean },
): Promise<void> {
  if (!completed.created) return;
  const { take } = completed;
  if (job.kind === 'generate' && completed.selected && take.qc.status === 'fail') {
    if (!services.qcAutoRegenerate) return;
    await enqueueJobs(services.db, job.sessionId, [{ beatId: job.beatId, kind: 'qc_retry' }]);
    services.wakeWorker();
    return;
  }
  if (job.kind === 'qc_retry' && take.qc.status !== 'fail') {
    const beat = await getBeat(services.db, job.beatId);
    const selected = beat?.selectedTakeId ? await getTake(services.db, beat.selectedTakeId) : null;
    // The director may have chosen meanwhile: only a failing selection is replaced.
    if (selected && selected.qc.status !== 'fail') return;
    services.sessionState.beatChanged(
      await selectTake(services.db, { beatId: job.beatId, takeId: take.id }),
    );
  }
}

/**
 * Runs a take's QC again: the listening check on its stored audio (when the session listens)
 * and the session-wide checks against the takes voiced since. The signal checks stay as they
 * were measured on the samples before the encode.
 */
export async function rerunQc(
  services: Pick<Services, 'db' | 'storage' | 'transcriber' | 'ffmpegPath' | 'sessionState'>,
  takeId: string,
): Promise<TakeView> {
  const take = await getTake(services.db, takeId);
  if (!take) throw new DbError('TAKE_NOT_FOUND', `no take ${takeId}`);
  const beat = await getBeat(services.db, take.beatId);
  if (!beat) throw new DbError('BEAT_NOT_FOUND', `no beat ${take.beatId}`);
  const transcriber = await sessionTranscriber(services, beat.sessionId);
  let listening: Awaited<ReturnType<typeof listenToTake>> | undefined;
  if (transcriber) {
    const pcm = await decodeToPcm(
      { encoded: await services.storage.get(take.storageKey) },
      {
        sampleRate: MP3_SAMPLE_RATE,
        ffmpegPath: services.ffmpegPath,
        tempDir: services.storage.tempDir,
      },
    );
    listening = await listenToTake(transcriber, { pcm, sampleRate: MP3_SAMPLE_RATE }, take.timings);
  }
  const qc = await withSessionChecks(services, {
    sessionId: beat.sessionId,
    beat,
    qc: take.qc,
    timings: take.timings,
    direction: take.direction,
    takeId: take.id,
    ...(listening === undefined ? {} : { listening }),
  });
  const updated = await setTakeQc(services.db, take.id, qc);
  services.sessionState.takeAdded(updated, beat);
  return takeView(updated, beat);
}
