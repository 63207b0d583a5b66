/**
 * The reviewers' decisions and notes as an export carries them: per take in the manifest, and
 * all of a beat's takes in `notes.md`, a report a person reads (beat, take, time, reason, note).
 */

export interface ExportNote {
  text: string;
  /** Where in the take the note points; null for the take as a whole. */
  atMs: number | null;
  author: string;
  resolved: boolean;
}

export interface TakeReviewRecord {
  takeId: string;
  /** 1 = the beat's oldest take. */
  takeNumber: number;
  decision: 'approved' | 'rejected' | null;
  reason: string | null;
  /** Oldest first. */
  notes: ExportNote[];
}

export interface ReviewedBeat {
  beatKey: string;
  name: string;
  /** Every take of the beat with a decision or a note. */
  reviews: readonly TakeReviewRecord[];
}

export const NOTES_FILE = 'notes.md';

/** `m:ss.s`, the way an editor reads a timecode in a take. */
export function formatTakeTime(ms: number): string {
  const tenths = Math.round(ms / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths % 600) / 10;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/** A table cell: pipes escaped, line breaks flattened, so one note stays one row. */
const cell = (text: string) =>
  text
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');

export function toNotesReport(title: string, beats: readonly ReviewedBeat[]): string {
  const rows: string[] = [];
  for (const beat of beats) {
    for (const take of beat.reviews) {
      const decided = take.decision === null ? '' : take.decision;
      const reason = take.reason ?? '';
      const notes = take.notes.length > 0 ? take.notes : [null];
      for (const note of notes) {
        const time = note?.atMs == null ? '' : formatTakeTime(note.atMs);
        const text = note ? `${note.text}${note.resolved ? ' (resolved)' : ''}` : '';
        rows.push(
          `| ${cell(beat.beatKey)} | ${take.takeNumber} | ${time} | ${decided} | ${reason} | ${cell(text)} | ${cell(note?.author ?? '')} |`,
        );
      }
    }
  }
  const body =
    rows.length === 0
      ? 'No decisions or notes yet.\n'
      : [
          '| Beat | Take | Time | Decision | Reason | Note | Author |',
          '| --- | --- | --- | --- | --- | --- | --- |',
          ...rows,
          '',
        ].join('\n');
  return `# Review notes: ${cell(title)}\n\n${body}`;
}
