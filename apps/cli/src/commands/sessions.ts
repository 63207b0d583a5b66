/** `studio sessions`: every session, most recent first. */
import { formatSeconds, table } from '../output.js';
import type { CommandContext } from './context.js';

export async function listSessionsCommand({ client, out }: CommandContext): Promise<number> {
  const sessions = await client.sessions.list.query();
  const rows = [
    ['ID', 'TITLE', 'STATUS', 'READY', 'DURATION', 'UPDATED'],
    ...sessions.map((s) => [
      s.id.slice(0, 8),
      s.videoTitle,
      s.status,
      `${s.readyCount}/${s.beatCount}`,
      formatSeconds(s.totalDurationMs),
      s.updatedAt.toISOString().replace('T', ' ').slice(0, 16),
    ]),
  ];
  out.result(
    sessions.length === 0 ? 'No sessions yet. Start one with: studio new FILE.els' : table(rows),
    sessions,
  );
  return 0;
}
