/**
 * Turns what a person types into ids: a session by id or unique id prefix, a beat by its script
 * id (`01_hook`), number or id, a take by its number within the beat (1 = oldest) or id.
 */
import type { RouterOutputs } from '@studio/server';
import { CliError } from './errors.js';

export type SessionView = RouterOutputs['sessions']['get'];
export type SessionSummary = RouterOutputs['sessions']['list'][number];
export type BeatView = SessionView['beats'][number];
export type TakeView = BeatView['takes'][number];

export function resolveSessionId(sessions: readonly SessionSummary[], ref: string): string {
  const wanted = ref.trim().toLowerCase();
  const exact = sessions.find((session) => session.id === wanted);
  if (exact) return exact.id;
  const matches = sessions.filter((session) => session.id.startsWith(wanted));
  if (matches.length === 1 && matches[0]) return matches[0].id;
  if (matches.length > 1) {
    throw new CliError(
      'AMBIGUOUS',
      `Session "${ref}" matches ${matches.length} sessions; type more of its id.`,
    );
  }
  throw new CliError('NOT_FOUND', `No session "${ref}". List them with: studio sessions`);
}

export function resolveBeat(session: SessionView, ref: string): BeatView {
  const wanted = ref.trim().toLowerCase();
  const beat =
    session.beats.find((candidate) => candidate.id === wanted) ??
    session.beats.find((candidate) => candidate.beatKey.toLowerCase() === wanted) ??
    (/^\d+$/.test(wanted)
      ? session.beats.find((candidate) => candidate.number === Number(wanted))
      : undefined);
  if (!beat) {
    const known = session.beats.map((candidate) => candidate.beatKey).join(', ');
    throw new CliError('NOT_FOUND', `No beat "${ref}" in this session. Beats: ${known}`);
  }
  return beat;
}

export function resolveTake(beat: BeatView, ref: string): TakeView {
  const wanted = ref.trim().toLowerCase();
  const take =
    beat.takes.find((candidate) => candidate.id === wanted) ??
    (/^\d+$/.test(wanted) ? beat.takes[Number(wanted) - 1] : undefined);
  if (!take) {
    throw new CliError(
      'NOT_FOUND',
      `No take "${ref}" for beat ${beat.beatKey}: it has ${beat.takes.length} take(s), numbered from 1.`,
    );
  }
  return take;
}
