/**
 * What a person (or a model) types, turned into ids — one rule for the web, the CLI and the MCP
 * tools: a session by id or unique id prefix, a beat by its script id (`01_hook`, any case),
 * number or id, a take by its number within the beat (1 = oldest) or id.
 */
import { DbError, listSessions } from '@studio/db';
import type { Services } from '../context.js';
import { StudioError } from '../errors.js';
import { readSessionView } from './lifecycle.js';
import type { BeatView, SessionView, TakeView } from './views.js';

export interface Refs {
  session: string;
  beat?: string | number;
  take?: string | number;
}

export interface ResolvedRefs {
  sessionId: string;
  beatId?: string;
  takeId?: string;
}

const asNumber = (wanted: string) => (/^\d+$/.test(wanted) ? Number(wanted) : undefined);

/** The one session whose id is `ref` or starts with it. */
export function matchSession(ids: readonly string[], ref: string): string {
  const wanted = ref.trim().toLowerCase();
  if (ids.includes(wanted)) return wanted;
  const matches = wanted === '' ? [] : ids.filter((id) => id.startsWith(wanted));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new StudioError(
      'AMBIGUOUS_SESSION',
      `Session "${ref}" matches ${matches.length} sessions: ${matches.join(', ')}; give more of its id.`,
    );
  }
  throw new DbError('SESSION_NOT_FOUND', `No session "${ref}".`, 'session');
}

export function matchBeat(session: SessionView, ref: string | number): BeatView {
  const wanted = String(ref).trim().toLowerCase();
  const number = asNumber(wanted);
  const beat =
    session.beats.find((candidate) => candidate.id === wanted) ??
    session.beats.find((candidate) => candidate.beatKey.toLowerCase() === wanted) ??
    (number === undefined
      ? undefined
      : session.beats.find((candidate) => candidate.number === number));
  if (!beat) {
    const known = session.beats.map((candidate) => candidate.beatKey).join(', ');
    throw new DbError(
      'BEAT_NOT_FOUND',
      `No beat "${ref}" in this session. Beats: ${known || 'none'}.`,
      'beat',
    );
  }
  return beat;
}

export function matchTake(beat: BeatView, ref: string | number): TakeView {
  const wanted = String(ref).trim().toLowerCase();
  const number = asNumber(wanted);
  const take =
    beat.takes.find((candidate) => candidate.id === wanted) ??
    (number === undefined ? undefined : beat.takes[number - 1]);
  if (!take) {
    throw new DbError(
      'TAKE_NOT_FOUND',
      `No take "${ref}" for beat ${beat.beatKey}: it has ${beat.takes.length} take(s), numbered from 1.`,
      'take',
    );
  }
  return take;
}

/** The ids `refs` name; a take needs its beat. */
export async function resolveRefs(
  services: Pick<Services, 'db'>,
  refs: Refs,
): Promise<ResolvedRefs> {
  const sessions = await listSessions(services.db);
  const sessionId = matchSession(
    sessions.map((session) => session.id),
    refs.session,
  );
  if (refs.beat === undefined) {
    if (refs.take !== undefined) {
      throw new DbError(
        'INVALID_INPUT',
        'A take is named within its beat: give the beat too.',
        'beat',
      );
    }
    return { sessionId };
  }
  const beat = matchBeat(await readSessionView(services, sessionId), refs.beat);
  if (refs.take === undefined) return { sessionId, beatId: beat.id };
  return { sessionId, beatId: beat.id, takeId: matchTake(beat, refs.take).id };
}
