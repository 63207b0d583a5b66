/** `studio qc <session>`: the takes take QC flagged, the selected ones first: what needs ears. */
import { formatSeconds, table } from '../output.js';
import { resolveRefs, type BeatView, type SessionView } from '../resolve.js';
import type { CommandContext } from './context.js';

type TakeView = BeatView['takes'][number];
type TakeQc = TakeView['qc'];

/** `fail: missing_words, clipping` — a take's QC in one cell. */
export function qcSummary(qc: TakeQc): string {
  if (qc.status === 'pending') return '-';
  const codes = [...new Set(qc.flags.map((flag) => flag.code))];
  return codes.length > 0 ? `${qc.status}: ${codes.join(', ')}` : qc.status;
}

/** Where a flag is: `line 2 at 1.4s`. */
function place(flag: TakeQc['flags'][number]): string {
  const line = flag.lineIndex === undefined ? '' : `line ${flag.lineIndex + 1}`;
  const at = flag.startMs === undefined ? '' : `at ${formatSeconds(flag.startMs)}`;
  return [line, at].filter(Boolean).join(' ');
}

export interface FlaggedTake {
  beatKey: string;
  takeNumber: number;
  takeId: string;
  selected: boolean;
  qc: TakeQc;
}

const needsEars = (qc: TakeQc) =>
  qc.status === 'fail' || qc.status === 'warn' || qc.status === 'not_checked';

/** Flagged takes in script order, each beat's selected take first. */
export function flaggedTakes(session: SessionView): FlaggedTake[] {
  return session.beats.flatMap((beat) =>
    beat.takes
      .map((take, i) => ({
        beatKey: beat.beatKey,
        takeNumber: i + 1,
        takeId: take.id,
        selected: take.id === beat.selectedTakeId,
        qc: take.qc,
      }))
      .filter((take) => needsEars(take.qc))
      .sort((a, b) => Number(b.selected) - Number(a.selected)),
  );
}

export function describeFlagged(takes: readonly FlaggedTake[]): string {
  if (takes.length === 0) return 'No take needs ears: every checked take passed.';
  const rows: string[][] = [['BEAT', 'TAKE', 'SELECTED', 'QC', 'WHERE', 'WHAT']];
  for (const take of takes) {
    const head = [
      take.beatKey,
      String(take.takeNumber),
      take.selected ? 'yes' : '',
      take.qc.status,
    ];
    if (take.qc.flags.length === 0) rows.push([...head, '', take.qc.reason ?? '']);
    take.qc.flags.forEach((flag, i) => {
      rows.push([
        ...(i === 0 ? head : ['', '', '', '']),
        place(flag),
        `${flag.code}: ${flag.message}`,
      ]);
    });
  }
  return table(rows);
}

export async function qcCommand({ client, out }: CommandContext, sessionRef: string) {
  const { sessionId } = await resolveRefs(client, { session: sessionRef });
  const takes = flaggedTakes(await client.sessions.get.query({ sessionId }));
  out.result(describeFlagged(takes), takes);
  return 0;
}
