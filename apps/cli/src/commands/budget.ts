/**
 * `studio budget <session> <credits|none> [--resume]`: the credits a session may spend; with
 * `--resume`, voices what a reached budget stopped.
 */
import { resolveRefs } from '../resolve.js';
import { CliError } from '../errors.js';
import type { CommandContext } from './context.js';

export function parseBudget(value: string): number | null {
  if (value === 'none') return null;
  const credits = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(credits)) {
    throw new CliError(
      'USAGE',
      `The budget is a whole number of credits or "none" (got "${value}").`,
    );
  }
  return credits;
}

export async function budgetCommand(
  { client, out }: CommandContext,
  sessionRef: string,
  value: string,
  options: { resume: boolean },
): Promise<number> {
  const credits = parseBudget(value);
  const { sessionId } = await resolveRefs(client, { session: sessionRef });
  const session = await client.sessions.setBudget.mutate({ sessionId, credits });
  const queued = options.resume
    ? (await client.generation.start.mutate({ sessionId })).queued
    : null;
  const limit =
    credits === null ? 'No budget' : `Budget ${credits} credits (${session.charactersSpent} spent)`;
  out.result(
    `${limit}.${queued === null ? '' : ` Resumed: ${queued} beat${queued === 1 ? '' : 's'} queued.`}`,
    { budgetCredits: session.budgetCredits, charactersSpent: session.charactersSpent, queued },
  );
  return 0;
}
