/** `studio select <session> <beat> <take>`: the take that goes into the export. */
import { beatById, resolveRefs } from '../resolve.js';
import type { CommandContext } from './context.js';

export async function selectCommand(
  { client, out }: CommandContext,
  sessionRef: string,
  beatRef: string,
  takeRef: string,
): Promise<number> {
  const { sessionId, beatId, takeId } = await resolveRefs(client, {
    session: sessionRef,
    beat: beatRef,
    take: takeRef,
  });
  const result = await client.takes.select.mutate({ beatId: beatId!, takeId: takeId! });
  const beat = beatById(await client.sessions.get.query({ sessionId }), beatId!);
  const number = beat.takes.findIndex((take) => take.id === takeId) + 1;
  out.result(`Selected take ${number} of ${beat.beatKey}.`, result);
  return 0;
}
