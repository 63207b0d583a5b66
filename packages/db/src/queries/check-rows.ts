/**
 * Rows read back from the database, their jsonb columns checked against the schemas beside
 * their tables: a malformed one throws CORRUPT_ROW naming the column. A row just inserted
 * echoes what its typed caller wrote and is not checked again. Queue and start-up
 * transitions (claiming, failing, cancelling, requeueing jobs; failing interrupted exports)
 * return rows unchecked: one malformed row must not stop every worker or the server's start,
 * and job overrides were checked on the way in.
 */
import { checkRow } from '../errors.js';
import {
  beatJsonColumns,
  exportJsonColumns,
  jobJsonColumns,
  sessionJsonColumns,
  takeJsonColumns,
  voiceProfileJsonColumns,
  type BeatRow,
  type ExportRow,
  type GenerationJob,
  type SessionRow,
  type TakeRow,
  type VoiceProfile,
} from '../schema/index.js';

/** Also takes part of a row, as long as it holds the beat's parsed script. */
export const checkBeat = <T extends Pick<BeatRow, 'parsed'>>(row: T): T =>
  checkRow(beatJsonColumns, withAudioTags(row));

/**
 * A beat stored before ELS 1.1 has no audio tags: its lines and segments read as having none
 * (`taggedText` is `text`). Anything else malformed is left for the check to report.
 */
function withAudioTags<T extends Pick<BeatRow, 'parsed'>>(row: T): T {
  const parsed: unknown = row.parsed;
  if (typeof parsed !== 'object' || parsed === null) return row;
  const { lines, segments } = parsed as { lines?: unknown; segments?: unknown };
  const upgrade = (items: unknown, fields: (text: unknown) => object): unknown =>
    Array.isArray(items)
      ? items.map((item: unknown) =>
          typeof item === 'object' && item !== null && !('taggedText' in item)
            ? { ...fields((item as { text?: unknown }).text), ...item }
            : item,
        )
      : items;
  return {
    ...row,
    parsed: {
      ...parsed,
      lines: upgrade(lines, (text) => ({ taggedText: text, audioTags: [] })),
      segments: upgrade(segments, (text) => ({ taggedText: text })),
    },
  };
}
export const checkTake = <T extends TakeRow>(row: T): T => checkRow(takeJsonColumns, row);
const takeContinuityColumn = takeJsonColumns.pick({ continuity: true });
/** A take's continuity alone, for readers that need nothing else of the take. */
export const checkTakeContinuity = <T extends Pick<TakeRow, 'continuity'>>(row: T): T =>
  checkRow(takeContinuityColumn, row);
/** Also takes a session's summary (every column but its script). */
export const checkSession = <T extends Omit<SessionRow, 'sourceEls'>>(row: T): T =>
  checkRow(sessionJsonColumns, row);
export const checkJob = <T extends GenerationJob>(row: T): T => checkRow(jobJsonColumns, row);
export const checkExport = <T extends ExportRow>(row: T): T => checkRow(exportJsonColumns, row);
export const checkVoiceProfile = <T extends VoiceProfile>(row: T): T =>
  checkRow(voiceProfileJsonColumns, row);
