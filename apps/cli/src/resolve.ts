/**
 * Turns what a person types into ids. The rule — a session by id or unique id prefix, a beat by
 * its script id (`01_hook`), number or id, a take by its number within the beat (1 = oldest) or
 * id — lives on the server (`sessions.resolve`), shared with the MCP tools; its refusals
 * (`AMBIGUOUS_SESSION`, `…_NOT_FOUND`) reach the person through `toCliError`.
 */
import type { RouterInputs, RouterOutputs } from '@studio/server';
import type { StudioClient } from './client.js';
import { CliError } from './errors.js';

export type SessionView = RouterOutputs['sessions']['get'];
export type BeatView = SessionView['beats'][number];
export type ResolvedRefs = RouterOutputs['sessions']['resolve'];

/** One round trip: the ids of the session, and of the beat and take when given. */
export function resolveRefs(
  client: StudioClient,
  refs: RouterInputs['sessions']['resolve'],
): Promise<ResolvedRefs> {
  return client.sessions.resolve.query(refs);
}

/** The beat with this id in a session just read (the id came from `resolveRefs`). */
export function beatById(session: SessionView, beatId: string): BeatView {
  const beat = session.beats.find((candidate) => candidate.id === beatId);
  if (!beat) throw new CliError('NOT_FOUND', `The beat ${beatId} is no longer in the session.`);
  return beat;
}
