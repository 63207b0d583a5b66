/** `studio regenerate <session> <beat>`: a new take of one beat; earlier takes are kept. */
import { CliError } from '../errors.js';
import { waitWithProgress } from '../follow-generation.js';
import { beatById, resolveRefs } from '../resolve.js';
import type { CommandContext } from './context.js';

export interface RegenerateOptions {
  direction?: string;
  pace?: string;
  stability?: number;
  style?: number;
  similarityBoost?: number;
  wait: boolean;
}

export async function regenerateCommand(
  ctx: CommandContext,
  sessionRef: string,
  beatRef: string,
  { wait, ...overrides }: RegenerateOptions,
): Promise<number> {
  const { client, out } = ctx;
  const { sessionId, beatId } = await resolveRefs(client, { session: sessionRef, beat: beatRef });
  const beat = beatById(await client.sessions.get.query({ sessionId }), beatId!);
  await client.generation.regenerateBeat.mutate({
    sessionId,
    beatId: beat.id,
    // The server validates the values (ranges, paces) and names the bad field.
    overrides: overrides as never,
  });
  if (!wait) {
    out.result(`Queued a new take of ${beat.beatKey}.`, {
      sessionId,
      beatId: beat.id,
      queued: true,
    });
    return 0;
  }
  const session = await waitWithProgress(ctx, sessionId);
  const after = beatById(session, beat.id);
  const take = after.takes.at(-1);
  if (after.status !== 'ready' || !take || take.id === beat.takes.at(-1)?.id) {
    throw new CliError(
      'GENERATION_INCOMPLETE',
      `${beat.beatKey}: ${after.error?.code ?? after.status}`,
      after,
    );
  }
  out.result(`New take ${after.takes.length} of ${beat.beatKey} (${take.id}).`, take);
  return 0;
}
