/** `studio show <session>`: beats, statuses, selected takes and the decisions on them. */
import { formatSeconds, table } from '../output.js';
import { resolveRefs, type SessionView } from '../resolve.js';
import type { CommandContext } from './context.js';
import { qcSummary } from './qc.js';

/** `approved`, `rejected (pacing)` or `-` for the selected take. */
function decisionOf(decision: SessionView['beats'][number]['takes'][number]['decision']): string {
  if (!decision) return '-';
  return decision.reason ? `${decision.decision} (${decision.reason})` : decision.decision;
}

export function describeSession(session: SessionView): string {
  const header = [
    `${session.videoTitle}  (${session.id})`,
    `status ${session.status} · ${session.progress.ready}/${session.progress.total} beats ready · ${session.progress.reviewed} reviewed · ${session.progress.approved} approved · ${session.charactersSpent.toLocaleString('en-US')} characters spent`,
    ...(session.lastError ? [`error ${session.lastError.code}: ${session.lastError.message}`] : []),
    '',
  ];
  const rows = [
    ['#', 'BEAT', 'NAME', 'STATUS', 'TAKES', 'SELECTED', 'DURATION', 'DECISION', 'QC'],
    ...session.beats.map((beat) => {
      const index = beat.takes.findIndex((take) => take.id === beat.selectedTakeId);
      const selected = beat.takes[index];
      return [
        String(beat.number),
        beat.beatKey,
        beat.name,
        beat.error ? `${beat.status} (${beat.error.code})` : beat.status,
        String(beat.takes.length),
        selected ? `take ${index + 1}` : '-',
        selected ? formatSeconds(selected.durationMs) : '-',
        decisionOf(selected?.decision ?? null),
        selected ? qcSummary(selected.qc) : '-',
      ];
    }),
  ];
  return [...header, table(rows)].join('\n');
}

export async function showSessionCommand(
  { client, out }: CommandContext,
  sessionRef: string,
): Promise<number> {
  const { sessionId } = await resolveRefs(client, { session: sessionRef });
  const session = await client.sessions.get.query({ sessionId });
  out.result(describeSession(session), session);
  return 0;
}
