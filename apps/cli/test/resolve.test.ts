import { describe, expect, it } from 'vitest';
import {
  resolveBeat,
  resolveSessionId,
  resolveTake,
  type SessionSummary,
  type SessionView,
} from '../src/resolve.js';

const sessions = [
  { id: 'aaaa1111-0000-4000-8000-000000000000' },
  { id: 'aaaa2222-0000-4000-8000-000000000000' },
  { id: 'bbbb3333-0000-4000-8000-000000000000' },
] as SessionSummary[];

const session = {
  beats: [
    { id: 'beat-uuid-1', beatKey: '01_Hook', number: 1, takes: [{ id: 't1' }, { id: 't2' }] },
    { id: 'beat-uuid-2', beatKey: '02_setup', number: 2, takes: [] },
  ],
} as unknown as SessionView;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('resolving what a person types', () => {
  it('finds a session by id or unique prefix', () => {
    expect(resolveSessionId(sessions, 'bbbb')).toBe(sessions[2]!.id);
    expect(resolveSessionId(sessions, sessions[1]!.id)).toBe(sessions[1]!.id);
    expect(codeOf(() => resolveSessionId(sessions, 'aaaa'))).toBe('AMBIGUOUS');
    expect(codeOf(() => resolveSessionId(sessions, 'cccc'))).toBe('NOT_FOUND');
  });

  it('finds a beat by script id (any case), number or id', () => {
    expect(resolveBeat(session, '01_hook').id).toBe('beat-uuid-1');
    expect(resolveBeat(session, '2').id).toBe('beat-uuid-2');
    expect(resolveBeat(session, 'beat-uuid-2').beatKey).toBe('02_setup');
    expect(codeOf(() => resolveBeat(session, '03_end'))).toBe('NOT_FOUND');
  });

  it('finds a take by its number within the beat (1 = first) or id', () => {
    const beat = session.beats[0]!;
    expect(resolveTake(beat, '2').id).toBe('t2');
    expect(resolveTake(beat, 't1').id).toBe('t1');
    expect(codeOf(() => resolveTake(beat, '3'))).toBe('NOT_FOUND');
    expect(codeOf(() => resolveTake(beat, '0'))).toBe('NOT_FOUND');
  });
});
