/**
 * Exporting a session's selected takes into deliverables. The run is recorded (`running` →
 * `ready` | `failed`) so every browser sees it, and the call returns when the files are written.
 */
import {
  createExport,
  failExport,
  finishExport,
  getExport,
  getSession,
  listExports,
  type ReviewedTake,
} from '@studio/db';
import { exportTakes, type LoudnessTarget, type TakeReviewRecord } from '@studio/audio';
import type { Services } from '../context.js';
import { domainCodeOf } from '../errors.js';
import { beatReview, exportView, reviewInputOf, type ExportView } from '../sessions/views.js';

export interface ExportRequest {
  sessionId: string;
  loudness: LoudnessTarget | null;
  partial: boolean;
  /** Only beats whose selected take is approved (the others are skipped, as in a partial one). */
  approvedOnly: boolean;
  /** Export selected takes that failed take QC. */
  allowFlagged: boolean;
}

export async function exportSession(
  services: Pick<Services, 'db' | 'storage' | 'encoder' | 'sessionState' | 'ffmpegPath'>,
  request: ExportRequest,
): Promise<ExportView> {
  const { db, sessionState } = services;
  const session = await getSession(db, request.sessionId);
  const row = await createExport(db, {
    sessionId: session.id,
    options: {
      ...(request.loudness === null ? {} : { loudnessTarget: request.loudness }),
      partial: request.partial,
      ...(request.approvedOnly ? { approvedOnly: true } : {}),
      allowFlagged: request.allowFlagged,
    },
  });
  sessionState.exportChanged(row);

  try {
    const result = await exportTakes({
      sessionTitle: session.videoTitle,
      beats: session.beats.map((beat) => {
        const take = beat.takes.find((candidate) => candidate.id === beat.selectedTakeId);
        const wanted = !request.approvedOnly || beatReview(reviewInputOf(beat)) === 'approved';
        return {
          beatKey: beat.beatKey,
          number: beat.number,
          name: beat.name,
          take: wanted ? (take ?? null) : null,
          reviews: takeReviewRecords(beat.takes),
        };
      }),
      options: {
        loudness: request.loudness,
        partial: request.partial || request.approvedOnly,
        allowFlagged: request.allowFlagged,
      },
      storage: services.storage,
      encoder: services.encoder,
      exportId: row.id,
      ffmpegPath: services.ffmpegPath,
    });
    const finished = await finishExport(db, row.id, {
      files: [...result.files, result.zip].map(({ name, bytes }) => ({ name, bytes })),
      manifest: { ...result.manifest },
    });
    const view = sessionState.exportChanged(finished);
    await sessionState.changeStatus(session.id, 'exported');
    return view;
  } catch (error) {
    const failed = await failExport(db, row.id, {
      code: domainCodeOf(error) ?? 'internal',
      message: error instanceof Error ? error.message : String(error),
    });
    sessionState.exportChanged(failed);
    throw error;
  }
}

/** The takes someone decided on or wrote a note about, numbered as the beat lists them. */
function takeReviewRecords(takes: readonly ReviewedTake[]): TakeReviewRecord[] {
  return takes.flatMap((take, index) =>
    take.decision || take.notes.length > 0
      ? [
          {
            takeId: take.id,
            takeNumber: index + 1,
            decision: take.decision?.decision ?? null,
            reason: take.decision?.reason ?? null,
            notes: take.notes.map(({ text, atMs, author, resolved }) => ({
              text,
              atMs,
              author,
              resolved,
            })),
          },
        ]
      : [],
  );
}

export async function listSessionExports(
  { db }: Pick<Services, 'db'>,
  sessionId: string,
): Promise<ExportView[]> {
  return (await listExports(db, sessionId)).map(exportView);
}

export async function getSessionExport({ db }: Pick<Services, 'db'>, id: string) {
  return exportView(await getExport(db, id));
}
