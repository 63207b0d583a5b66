/** `studio select <session> <beat> <take>`: the take that goes into the export. */
import { resolveBeat, resolveSessionId, resolveTake } from '../resolve.js';
import type { CommandContext } from './context.js';

export async function selectCommand(
  { client, out }: CommandContext,
  sessionRef: string,
  beatRef: string,
  takeRef: string,
): Promise<number> {
  const sessionId = resolveSessionId(await client.sessions.list.query(), sessionRef);
  const beat = resolveBeat(await client.sessions.get.query({ sessionId }), beatRef);
  const take = resolveTake(beat, takeRef);
  const result = await client.takes.select.mutate({ beatId: beat.id, takeId: take.id });
  out.result(`Selected take ${beat.takes.indexOf(take) + 1} of ${beat.beatKey}.`, result);
  return 0;
}
