import { describe, expect, it } from 'vitest';
import { emphasisRuns } from './emphasis.js';

describe('emphasisRuns', () => {
  it('returns the text as one plain run when nothing is marked', () => {
    expect(emphasisRuns('Okay boomer.')).toEqual([{ text: 'Okay boomer.', kind: 'plain' }]);
  });

  it('marks emphasis and strong emphasis (written in capitals by the parser)', () => {
    expect(emphasisRuns('Bag look same. Bag NOT same.', ['same'], ['not'])).toEqual([
      { text: 'Bag look ', kind: 'plain' },
      { text: 'same', kind: 'em' },
      { text: '. Bag ', kind: 'plain' },
      { text: 'NOT', kind: 'strong' },
      { text: ' same.', kind: 'plain' },
    ]);
  });

  it('finds repeated phrases in order', () => {
    expect(emphasisRuns('a b a', ['a', 'a'])).toEqual([
      { text: 'a', kind: 'em' },
      { text: ' b ', kind: 'plain' },
      { text: 'a', kind: 'em' },
    ]);
  });

  it('ignores phrases that are not in the text', () => {
    expect(emphasisRuns('hello', ['bye'])).toEqual([{ text: 'hello', kind: 'plain' }]);
  });
});
