/**
 * What a person (or a model) types, turned into ids — the rules of the `studio` command: a
 * session by id or unique id prefix, a beat by its script id (`01_hook`), number or id, a take
 * by its number within the beat (1 = oldest) or id.
 */
import type { SessionSummary } from '@studio/db';
import type { BeatView, SessionView, TakeView } from '../sessions/views.js';
import { fixFor, ToolFailure } from './tool-result.js';

const fullId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A full id needs no list; a prefix is matched against `list()`. */
export async function resolveSessionId(
  ref: string,
  list: () => Promise<readonly Pick<SessionSummary, 'id'>[]>,
): Promise<string> {
  const wanted = ref.trim().toLowerCase();
  if (fullId.test(wanted)) return wanted;
  const matches = wanted === '' ? [] : (await list()).filter((s) => s.id.startsWith(wanted));
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) {
    throw new ToolFailure(
      'AMBIGUOUS_SESSION',
      `Session "${ref}" matches ${matches.length} sessions.`,
      fixFor('AMBIGUOUS_SESSION'),
      { candidates: matches.map((s) => s.id) },
    );
  }
  throw new ToolFailure('SESSION_NOT_FOUND', `No session "${ref}".`, fixFor('SESSION_NOT_FOUND'));
}

export function resolveBeat(session: SessionView, ref: string | number): BeatView {
  const wanted = String(ref).trim().toLowerCase();
  const beat =
    session.beats.find((candidate) => candidate.id === wanted) ??
    session.beats.find((candidate) => candidate.beatKey.toLowerCase() === wanted) ??
    (/^\d+$/.test(wanted)
      ? session.beats.find((candidate) => candidate.number === Number(wanted))
      : undefined);
  if (!beat) {
    throw new ToolFailure(
      'BEAT_NOT_FOUND',
      `No beat "${ref}" in this session.`,
      `${fixFor('BEAT_NOT_FOUND')} Beats: ${session.beats.map((b) => b.beatKey).join(', ')}`,
    );
  }
  return beat;
}

export function resolveTake(beat: BeatView, ref: string | number): TakeView {
  const wanted = String(ref).trim().toLowerCase();
  const take =
    beat.takes.find((candidate) => candidate.id === wanted) ??
    (/^\d+$/.test(wanted) ? beat.takes[Number(wanted) - 1] : undefined);
  if (!take) {
    throw new ToolFailure(
      'TAKE_NOT_FOUND',
      `No take "${ref}" for beat ${beat.beatKey}: it has ${beat.takes.length} take(s).`,
      fixFor('TAKE_NOT_FOUND'),
    );
  }
  return take;
}
