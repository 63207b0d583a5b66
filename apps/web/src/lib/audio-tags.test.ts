import { describe, expect, it } from 'vitest';
import { withAudioTags } from './audio-tags.js';
import { emphasisRuns } from './emphasis.js';

describe('withAudioTags', () => {
  it('puts each tag before the offset it stands at, inside or between runs', () => {
    const runs = emphasisRuns('Okay boomer. We had it all.', ['boomer']);
    expect(
      withAudioTags(runs, [
        { name: 'whispers', at: 0 },
        { name: 'laughs', at: 13 },
        { name: 'sighs', at: 13 },
        { name: 'strong French accent', at: 27 },
      ]),
    ).toEqual([
      { kind: 'tag', text: 'whispers' },
      { kind: 'plain', text: 'Okay ' },
      { kind: 'em', text: 'boomer' },
      { kind: 'plain', text: '. ' },
      { kind: 'tag', text: 'laughs' },
      { kind: 'tag', text: 'sighs' },
      { kind: 'plain', text: 'We had it all.' },
      { kind: 'tag', text: 'strong French accent' },
    ]);
  });

  it('leaves a line without tags as it was', () => {
    const runs = emphasisRuns('Plain line.');
    expect(withAudioTags(runs, [])).toEqual(runs);
  });
});
