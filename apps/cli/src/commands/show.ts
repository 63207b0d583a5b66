/** `studio show <session>`: beats, statuses and selected takes. */
import { formatSeconds, table } from '../output.js';
import { resolveRefs, type SessionView } from '../resolve.js';
import type { CommandContext } from './context.js';
import { qcSummary } from './qc.js';

export function describeSession(session: SessionView): string {
  const header = [
    `${session.videoTitle}  (${session.id})`,
    `status ${session.status} · ${session.progress.ready}/${session.progress.total} beats ready · ${session.charactersSpent.toLocaleString('en-US')} characters spent`,
    ...(session.lastError ? [`error ${session.lastError.code}: ${session.lastError.message}`] : []),
    '',
  ];
  const rows = [
    ['#', 'BEAT', 'NAME', 'STATUS', 'TAKES', 'SELECTED', 'DURATION', 'QC'],
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
