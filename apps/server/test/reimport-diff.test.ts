import { describe, expect, it } from 'vitest';
import { beatChanges, planReimport, type ExistingBeat } from '../src/sessions/reimport-diff.js';
import { parseBeats, script } from './support/scripts.js';

const original = script([
  {
    id: '01_hook',
    name: 'Hook',
    body: 'Corporation stole your chips.\n[PAUSE: 50ms]\nYou got scammed.',
  },
  { id: '02_boomer', body: '[CHARACTER: boomer]\nBack in my day.' },
  { id: '03_end', body: 'Bye.' },
]);

const stored = (source: string): ExistingBeat[] =>
  parseBeats(source).map((beat) => ({ beatKey: beat.id, beat }));

const kinds = (source: string, next: string) =>
  planReimport(stored(source), parseBeats(next)).beats.map((planned) => [
    planned.beat.id,
    planned.kind,
    planned.kind === 'changed' ? planned.changes : [],
  ]);

describe('planReimport', () => {
  it('finds nothing to do for the same script', () => {
    const plan = planReimport(stored(original), parseBeats(original));
    expect(plan.removed).toEqual([]);
    expect(plan.beats.every((planned) => planned.kind === 'unchanged')).toBe(true);
  });

  it('matches beats by id, ignoring case, and keeps the new spelling', () => {
    const next = original.replace('[BEAT: 01_hook]', '[BEAT: 01_HOOK]');
    const plan = planReimport(stored(original), parseBeats(next));
    expect(plan.beats[0]).toMatchObject({
      kind: 'unchanged',
      previousKey: '01_hook',
      beat: { id: '01_HOOK' },
    });
    expect(plan.removed).toEqual([]);
  });

  it('marks edited beats changed with what changed, and inserts new ones in order', () => {
    const next = script([
      {
        id: '01_hook',
        name: 'Hook',
        body: 'Corporation stole your crisps.\n[PAUSE: 50ms]\nYou got scammed.',
      },
      { id: '01b_new', body: 'A brand new beat.' },
      { id: '02_boomer', body: '[CHARACTER: every-coon]\n[PACE: slow]\nBack in my day.' },
      { id: '03_end', body: 'Bye.' },
    ]);
    expect(kinds(original, next)).toEqual([
      ['01_hook', 'changed', ['text']],
      ['01b_new', 'added', []],
      ['02_boomer', 'changed', ['character', 'pace']],
      ['03_end', 'unchanged', []],
    ]);
  });

  it('lists removed beats without touching the others', () => {
    const next = script([
      {
        id: '01_hook',
        name: 'Hook',
        body: 'Corporation stole your chips.\n[PAUSE: 50ms]\nYou got scammed.',
      },
      { id: '03_end', body: 'Bye.' },
    ]);
    const plan = planReimport(stored(original), parseBeats(next));
    expect(plan.removed).toEqual([{ beatKey: '02_boomer', name: '02_boomer' }]);
    expect(plan.beats.map((planned) => planned.kind)).toEqual(['unchanged', 'unchanged']);
  });

  it('treats a rename or a move as no change to the audio', () => {
    const next = script([
      { id: '03_end', body: 'Bye.' },
      {
        id: '01_hook',
        name: 'The hook',
        body: 'Corporation stole your chips.\n[PAUSE: 50ms]\nYou got scammed.',
      },
      { id: '02_boomer', body: '[CHARACTER: boomer]\nBack in my day.' },
    ]);
    expect(kinds(original, next).map(([, kind]) => kind)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
  });
});

describe('beatChanges', () => {
  const beat = (body: string) => parseBeats(script([{ id: 'x', body }]))[0]!;

  it.each([
    ['One.\nTwo.', 'One.\n[PAUSE: long]\nTwo.', ['pauses']],
    ['One.', '[DIRECTION: whisper]\nOne.', ['direction']],
    ['One.', '[STABILITY: 0.2]\nOne.', ['settings']],
    ['One.', '[PACE: fast]\nOne.', ['pace']],
    ['One.', '*One*.', []],
  ] as const)('%j → %j', (before, after, expected) => {
    expect(beatChanges(beat(before), beat(after))).toEqual(expected);
  });

  it('does not call an added line by the same speaker a speaker change', () => {
    expect(beatChanges(beat('One.'), beat('One.\nTwo.'))).toEqual(['text', 'pauses']);
  });
});
