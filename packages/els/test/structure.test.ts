import { describe, expect, it } from 'vitest';
import { parse, validate } from '../src/index.js';
import { META, beat, els, found, parsed } from './helpers.js';

describe('the META block (els-spec §3)', () => {
  it('reads its keys case-insensitively', () => {
    const script = parsed(
      els(
        '[META]',
        'Video_Title: Fed Pivot',
        'PROJECT: trash-panda',
        'Default_Character: Fed',
        'default_pace: Deliberate',
        ...beat('01', 'Rates stay high.'),
      ),
    );
    expect(script).toMatchObject({
      videoTitle: 'Fed Pivot',
      project: 'trash-panda',
      defaultCharacter: 'fed',
      defaultPace: 'deliberate',
    });
    expect(script.beats[0]?.lines[0]).toMatchObject({ character: 'fed', pace: 'deliberate' });
  });

  it('splits a key from its value at the first colon', () => {
    const script = parsed(
      els(
        ...META.slice(0, 1),
        'video_title: Fed: The Pivot',
        ...META.slice(2),
        ...beat('01', 'Hi.'),
      ),
    );
    expect(script.videoTitle).toBe('Fed: The Pivot');
  });

  it('treats an empty value as absent', () => {
    const source = els(
      '[META]',
      'video_title:',
      'project:  ',
      'default_character: chad',
      'default_pace:',
      ...beat('01', 'Hi.'),
    );
    expect(found(source)).toEqual([
      { code: 'meta/missing-title', line: 1, column: 1 },
      { code: 'meta/missing-project', line: 1, column: 1 },
    ]);
    expect(parse(source).ok).toBe(true);
  });

  it('warns about an unknown key and ignores it', () => {
    const source = els(...META.slice(0, 4), 'music: lofi', ...beat('01', 'Hi.'));
    expect(found(source)).toEqual([{ code: 'meta/unknown-key', line: 5, column: 1 }]);
    expect(parse(source).ok).toBe(true);
  });

  it('checks default_pace and default_character like their tags', () => {
    const source = els(
      '[META]',
      'video_title: t',
      'project: p',
      'default_character: gandalf',
      'default_pace: warp',
      ...beat('01', 'Hi.'),
    );
    expect(found(source, { characters: ['every-coon'] })).toEqual([
      { code: 'character/unknown', line: 4, column: 20 },
      { code: 'pace/unknown', line: 5, column: 15 },
      { code: 'character/missing', line: 9, column: 1 },
    ]);
  });

  it('ends at the first line that is not a key: later text is outside any beat', () => {
    const source = els(...META.slice(0, 4), 'Stray words', 'project: late', ...beat('01', 'Hi.'));
    expect(found(source)).toEqual([
      { code: 'text/outside-beat', line: 5, column: 1 },
      { code: 'text/outside-beat', line: 6, column: 1 },
    ]);
  });

  it('must come first: text before it is outside any beat', () => {
    expect(found(els('Draft 3', ...META, ...beat('01', 'Hi.')))).toEqual([
      { code: 'text/outside-beat', line: 1, column: 1 },
    ]);
  });

  it('a [META] after the first beat is ignored, and the script has no META', () => {
    const source = els(...beat('01', '[CHARACTER: chad]', 'Hi.'), ...META);
    expect(found(source)).toEqual([
      { code: 'meta/missing', line: 1, column: 1 },
      { code: 'text/outside-beat', line: 7, column: 1 },
      { code: 'text/outside-beat', line: 8, column: 1 },
      { code: 'text/outside-beat', line: 9, column: 1 },
      { code: 'text/outside-beat', line: 10, column: 1 },
    ]);
  });

  it('a second [META] is outside any beat', () => {
    expect(found(els(...META, '[META]', ...beat('01', 'Hi.')))).toEqual([
      { code: 'text/outside-beat', line: 6, column: 1 },
    ]);
  });

  it('a missing META block is reported once, on an empty input too', () => {
    expect(found('')).toEqual([
      { code: 'meta/missing', line: 1, column: 1 },
      { code: 'beat/empty', line: 1, column: 1 },
    ]);
  });
});

describe('beats (els-spec §3)', () => {
  it('a script without beats is an error (beat/empty), reported on its [META]', () => {
    expect(found(els('', ...META))).toEqual([{ code: 'beat/empty', line: 2, column: 1 }]);
  });

  it('never drops a beat: a beat missing its name and separator is still counted', () => {
    const source = els(...META, '[BEAT: 01]', 'Hi.', '[END_BEAT]', ...beat('02', 'Ho.'));
    expect(found(source)).toEqual([
      { code: 'beat/missing-name', line: 6, column: 1 },
      { code: 'beat/missing-separator', line: 6, column: 1 },
    ]);
    expect(validate(source)).toMatchObject({ beatCount: 2, characterLines: { 'every-coon': 2 } });
  });

  it('an empty name is beat/missing-name on the name line', () => {
    expect(found(els(...META, '[BEAT: 01]', 'name:', '---', 'Hi.', '[END_BEAT]'))).toEqual([
      { code: 'beat/missing-name', line: 7, column: 1 },
    ]);
  });

  it.each(['01_hook', 'A', '9', 'x'.repeat(64), 'Intro-2_b'])('accepts the beat id %s', (id) => {
    expect(found(els(...META, ...beat(id, 'Hi.')))).toEqual([]);
  });

  it.each(['../x', 'a/b', 'a b', '_hook', '-hook', 'x'.repeat(65), 'émoi', 'a.mp3'])(
    'rejects the beat id %s',
    (id) => {
      expect(found(els(...META, ...beat(id, 'Hi.')))).toEqual([
        { code: 'beat/invalid-id', line: 6, column: 8 },
      ]);
    },
  );

  it('rejects an empty beat id at its tag', () => {
    expect(found(els(...META, '[BEAT:]', 'name: A', '---', 'Hi.', '[END_BEAT]'))).toEqual([
      { code: 'beat/invalid-id', line: 6, column: 1 },
    ]);
  });

  it('compares ids case-insensitively for uniqueness', () => {
    const source = els(
      ...META,
      ...beat('Hook', 'Hi.'),
      ...beat('hook', 'Ho.'),
      ...beat('HOOK', 'Hu.'),
    );
    expect(found(source)).toEqual([
      { code: 'beat/duplicate-id', line: 11, column: 8 },
      { code: 'beat/duplicate-id', line: 16, column: 8 },
    ]);
  });

  it('numbers a beat by the leading digits of its id, else by its position', () => {
    const script = parsed(
      els(
        ...META,
        ...beat('007_spy', 'a'),
        ...beat('intro', 'b'),
        ...beat('12b', 'c'),
        ...beat('outro', 'd'),
      ),
    );
    expect(script.beats.map(({ number }) => number)).toEqual([7, 2, 12, 4]);
  });

  it('records the source line of each [BEAT: header', () => {
    const script = parsed(els(...META, ...beat('01', 'a'), '', ...beat('02', 'b')));
    expect(script.beats.map(({ line }) => line)).toEqual([6, 12]);
  });

  it('a [BEAT: inside an open beat is beat/nested; both beats are kept', () => {
    const source = els(...META, '[BEAT: 01]', 'name: A', '---', 'Hi.', ...beat('02', 'Ho.'));
    expect(found(source)).toEqual([{ code: 'beat/nested', line: 10, column: 1 }]);
    expect(validate(source).beatCount).toBe(2);
  });

  it('an unclosed beat at the end is reported at its header', () => {
    const source = els(...META, ...beat('01', 'Hi.'), '[BEAT: 02]', 'name: B', '---', 'Ho.', '');
    expect(found(source)).toEqual([{ code: 'beat/unclosed', line: 11, column: 1 }]);
  });

  it('a beat cut short after its header reports everything missing, at the header', () => {
    expect(found(els(...META, '[BEAT: 01]'))).toEqual([
      { code: 'beat/missing-name', line: 6, column: 1 },
      { code: 'beat/missing-separator', line: 6, column: 1 },
      { code: 'beat/unclosed', line: 6, column: 1 },
      { code: 'beat/empty', line: 6, column: 1 },
    ]);
  });

  it('an [END_BEAT] with no open beat is beat/unexpected-end', () => {
    expect(found(els(...META, '[END_BEAT]', ...beat('01', 'Hi.')))).toEqual([
      { code: 'beat/unexpected-end', line: 6, column: 1 },
    ]);
  });

  it('text and body tags outside any beat are errors: they would never be voiced', () => {
    const source = els(
      ...META,
      'Before.',
      ...beat('01', 'Hi.'),
      '[PACE: fast]',
      'Between.',
      ...beat('02', 'Ho.'),
      'After.',
    );
    expect(found(source)).toEqual([
      { code: 'text/outside-beat', line: 6, column: 1 },
      { code: 'text/outside-beat', line: 12, column: 1 },
      { code: 'text/outside-beat', line: 13, column: 1 },
      { code: 'text/outside-beat', line: 19, column: 1 },
    ]);
  });

  it('[META] inside a beat is not a body tag', () => {
    expect(found(els(...META, ...beat('01', 'Hi.', '[META]')))).toEqual([
      { code: 'tag/unknown', line: 10, column: 1 },
    ]);
  });

  it('a beat with no text line is beat/empty', () => {
    expect(found(els(...META, ...beat('01', '[PAUSE: long]', '[DIRECTION: x]')))).toEqual([
      { code: 'beat/empty', line: 6, column: 1 },
      { code: 'pause/dangling', line: 9, column: 1 },
    ]);
  });

  it('warns about a script of more than 50 beats, not of 50', () => {
    const beats = (count: number): string =>
      els(...META, ...Array.from({ length: count }, (_, index) => beat(`b${index}`, 'Hi.')).flat());
    expect(found(beats(50))).toEqual([]);
    expect(found(beats(51))).toEqual([{ code: 'script/large', line: 6 + 50 * 5, column: 1 }]);
  });

  it('names the beat of every diagnostic inside one, and no beat outside', () => {
    const source = els(...META, 'Lost.', ...beat('01_a', '[PACE: warp]', 'Hi.'));
    expect(validate(source).diagnostics.map(({ code, beatKey }) => [code, beatKey])).toEqual([
      ['text/outside-beat', undefined],
      ['pace/unknown', '01_a'],
    ]);
    expect(Object.hasOwn(validate(source).diagnostics[0] ?? {}, 'beatKey')).toBe(false);
  });
});
