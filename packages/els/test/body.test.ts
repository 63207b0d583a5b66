import { describe, expect, it } from 'vitest';
import { PACE_SPEED, validate } from '../src/index.js';
import type { Line } from '../src/index.js';
import { BODY, CHARACTERS, META, beatOf, els, found, parsed, script } from './helpers.js';

const texts = (lines: Line[]): string[] => lines.map(({ text }) => text);
const pauses = (lines: Line[]): number[] => lines.map(({ pauseAfterMs }) => pauseAfterMs);

describe('body state (els-spec §4)', () => {
  it('starts every beat from the script defaults: nothing leaks from one beat into the next', () => {
    const result = parsed(
      els(
        '[META]',
        'video_title: t',
        'project: p',
        'default_character: every-coon',
        'default_pace: quick',
        '[BEAT: 01]',
        'name: A',
        '---',
        '[CHARACTER: boomer]',
        '[DIRECTION: grumbly]',
        '[PACE: slow]',
        '[STABILITY: 0.2]',
        '[STYLE: 0.9]',
        'Back in my day.',
        '[END_BEAT]',
        '[BEAT: 02]',
        'name: B',
        '---',
        'Okay.',
        '[END_BEAT]',
      ),
    );
    expect(result.beats[1]?.lines[0]).toMatchObject({
      character: 'every-coon',
      direction: null,
      pace: 'quick',
      speed: 1.08,
      stability: null,
      style: null,
    });
  });

  it("uses the caller's default character when META has none, and META's over the caller's", () => {
    const withoutMetaDefault = els(
      '[META]',
      'video_title: t',
      'project: p',
      '[BEAT: 01]',
      'name: A',
      '---',
      'Hi.',
      '[END_BEAT]',
    );
    const fromCaller = parsed(withoutMetaDefault, { defaultCharacter: 'Whale' });
    expect(fromCaller.defaultCharacter).toBe('whale');
    expect(fromCaller.beats[0]?.lines[0]?.character).toBe('whale');
    const fromMeta = parsed(script('Hi.'), { defaultCharacter: 'whale' });
    expect(fromMeta.beats[0]?.lines[0]?.character).toBe('every-coon');
  });

  it('applies a tag to the lines after it, up to the next tag of its kind', () => {
    const beat = beatOf(
      script(
        'One.',
        '[PACE: fast]',
        '[DIRECTION: loud]',
        'Two.',
        'Three.',
        '[PACE: slow]',
        'Four.',
        '[DIRECTION: soft]',
        'Five.',
      ),
    );
    expect(beat.lines.map(({ pace, direction }) => [pace, direction])).toEqual([
      ['normal', null],
      ['fast', 'loud'],
      ['fast', 'loud'],
      ['slow', 'loud'],
      ['slow', 'soft'],
    ]);
    expect(beat.primaryDirection).toBe('loud');
    expect(beat.primaryPace).toBe('normal');
  });

  it.each(
    Object.entries({
      slow: 0.75,
      deliberate: 0.85,
      normal: 1,
      quick: 1.08,
      fast: 1.15,
      chaos: 1.2,
    }),
  )('pace %s speeds lines by %d', (pace, speed) => {
    expect(beatOf(script(`[PACE: ${pace}]`, 'Hi.')).lines[0]).toMatchObject({ pace, speed });
    expect(PACE_SPEED[pace as keyof typeof PACE_SPEED]).toBe(speed);
  });

  it('never speaks a direction', () => {
    const beat = beatOf(script('[DIRECTION: Whisper this part]', 'Hi.'));
    expect(beat.text).toBe('Hi.');
    expect(beat.lines[0]?.direction).toBe('Whisper this part');
  });

  it.each([
    ['0', 0],
    ['1', 1],
    ['0.35', 0.35],
    ['.5', 0.5],
    ['1.0', 1],
    ['-0', 0],
  ])('accepts STABILITY and STYLE %s', (value, number) => {
    expect(
      beatOf(script(`[STABILITY: ${value}]`, `[STYLE: ${value}]`, 'Hi.')).lines[0],
    ).toMatchObject({
      stability: number,
      style: number,
    });
  });

  it.each(['1.01', '-0.1', 'high', '1e-1', '50%', '0.5.1', '1.', 'NaN'])(
    'rejects STABILITY and STYLE %s with setting/invalid',
    (value) => {
      expect(found(script(`[STABILITY: ${value}]`, `[STYLE: ${value}]`, 'Hi.'))).toEqual([
        { code: 'setting/invalid', line: BODY, column: 13 },
        { code: 'setting/invalid', line: BODY + 1, column: 9 },
      ]);
    },
  );

  it('reads an invalid setting tag as nothing: the previous value stays', () => {
    const source = script(
      '[PACE: fast]',
      '[PACE: warp]',
      '[CHARACTER: boomer]',
      '[CHARACTER: gandalf]',
      'Hi.',
    );
    expect(validate(source, { characters: CHARACTERS }).characterLines).toEqual({ boomer: 1 });
  });
});

describe('characters (els-spec §4)', () => {
  it.each(['every-coon', 'Every Coon', 'everycoon', 'every_coon', 'EVERY-COON', ' every -  coon '])(
    '%s resolves to every-coon from the list',
    (name) => {
      const beat = beatOf(script('[CHARACTER: boomer]', 'Hi.', `[CHARACTER: ${name}]`, 'Ho.'), {
        characters: CHARACTERS,
      });
      expect(beat.lines[1]?.character).toBe('every-coon');
    },
  );

  it("takes the canonical spelling from the caller's list", () => {
    const beat = beatOf(script('[CHARACTER: every coon]', 'Hi.'), { characters: ['Every-Coon'] });
    expect(beat.lines[0]?.character).toBe('Every-Coon');
  });

  it('reports a character not in the list', () => {
    expect(found(script('[CHARACTER: gandalf]', 'Hi.'), { characters: ['Every Coon'] })).toEqual([
      { code: 'character/unknown', line: BODY, column: 13 },
    ]);
  });

  it('without a list, accepts any well-formed name in its lowercase, dashed form', () => {
    const beat = beatOf(script('[CHARACTER: Big  Whale]', 'Hi.', "[CHARACTER: Dr. O'Neil]", 'Ho.'));
    expect(beat.lines.map(({ character }) => character)).toEqual(['big-whale', "dr.-o'neil"]);
  });

  it('without a list, keeps the first spelling of a name for the rest of the script', () => {
    const beat = beatOf(script('[CHARACTER: big-whale]', 'Hi.', '[CHARACTER: BigWhale]', 'Ho.'));
    expect(beat.lines.map(({ character }) => character)).toEqual(['big-whale', 'big-whale']);
    expect(beat.segments).toHaveLength(1);
  });

  it('without a list, rejects a name that is not one', () => {
    expect(found(script('[CHARACTER: !!!]', 'Hi.', '[CHARACTER: -_-]', 'Ho.'))).toEqual([
      { code: 'character/unknown', line: BODY, column: 13 },
      { code: 'character/unknown', line: BODY + 2, column: 13 },
    ]);
  });

  it('reports character/missing once, on the first line with no speaker', () => {
    const source = els(
      '[META]',
      'video_title: t',
      'project: p',
      '[BEAT: 01]',
      'name: A',
      '---',
      '[PACE: fast]',
      '  Who says this?',
      'And this?',
      '[END_BEAT]',
      '[BEAT: 02]',
      'name: B',
      '---',
      'Or this?',
      '[END_BEAT]',
    );
    expect(found(source)).toEqual([{ code: 'character/missing', line: 8, column: 3 }]);
  });

  it('counts text lines per canonical character', () => {
    const source = script(
      'One.',
      '[CHARACTER: Boomer]',
      'Two.',
      'Three [PAUSE: 1s] four.',
      '[CHARACTER: every coon]',
      'Five.',
    );
    expect(validate(source, { characters: CHARACTERS }).characterLines).toEqual({
      'every-coon': 2,
      boomer: 3,
    });
  });
});

describe('pauses (els-spec §5)', () => {
  it.each([
    ['beat', 150],
    ['short', 250],
    ['medium', 400],
    ['long', 600],
    ['dramatic', 900],
    ['Dramatic', 900],
    ['350', 350],
    ['350ms', 350],
    ['350 ms', 350],
    ['1.5s', 1500],
    ['2s', 2000],
    ['0', 0],
    ['2000', 2000],
    ['10.4ms', 10],
    ['.25s', 250],
  ])('reads [PAUSE: %s] as %d ms', (value, ms) => {
    expect(beatOf(script('Hi.', `[PAUSE: ${value}]`, 'Ho.')).lines[0]?.pauseAfterMs).toBe(ms);
  });

  it.each(['2001', '2.5s', '-5ms', '-1', '2000.5ms'])(
    'rejects [PAUSE: %s] as out of range',
    (value) => {
      expect(found(script('Hi.', `[PAUSE: ${value}]`))).toEqual([
        { code: 'pause/out-of-range', line: BODY + 1, column: 9 },
      ]);
    },
  );

  it.each(['soon', '1.5 sec', '5m', 'ms', 's', '1e3', '1,5s', 'long-ish'])(
    'rejects [PAUSE: %s] as unreadable',
    (value) => {
      expect(found(script('Hi.', `[PAUSE: ${value}]`))).toEqual([
        { code: 'pause/invalid', line: BODY + 1, column: 9 },
      ]);
    },
  );

  it('sets the pause after the text line before a standalone pause, across other tags', () => {
    const beat = beatOf(script('One.', '[CHARACTER: boomer]', '[PAUSE: long]', 'Two.', 'Three.'));
    expect(pauses(beat.lines)).toEqual([600, 150, 300]);
  });

  it("sets a line's pause with a [PAUSE] at its end", () => {
    expect(pauses(beatOf(script('One. [PAUSE: 50ms]', 'Two.')).lines)).toEqual([50, 300]);
  });

  it('splits a line at a [PAUSE] in its middle, where the pause is voiced', () => {
    const beat = beatOf(script('Bag look *same*. [PAUSE: 50ms] Bag **not** same.', 'End.'));
    expect(
      beat.lines.map(({ text, pauseAfterMs, sourceLine, emphasis, strongEmphasis }) => ({
        text,
        pauseAfterMs,
        sourceLine,
        emphasis,
        strongEmphasis,
      })),
    ).toEqual([
      {
        text: 'Bag look same.',
        pauseAfterMs: 50,
        sourceLine: BODY,
        emphasis: ['same'],
        strongEmphasis: [],
      },
      {
        text: 'Bag NOT same.',
        pauseAfterMs: 150,
        sourceLine: BODY,
        emphasis: [],
        strongEmphasis: ['not'],
      },
      { text: 'End.', pauseAfterMs: 300, sourceLine: BODY + 1, emphasis: [], strongEmphasis: [] },
    ]);
  });

  it('a [PAUSE] at the start of a text line pauses after the line before it', () => {
    expect(pauses(beatOf(script('One.', '[PAUSE: long] Two.', 'Three.')).lines)).toEqual([
      600, 150, 300,
    ]);
  });

  it('ignores a pause before the first text line, with pause/dangling', () => {
    const source = script('[PAUSE: long]', '[PAUSE: 2s] One.');
    expect(found(source)).toEqual([
      { code: 'pause/dangling', line: BODY, column: 1 },
      { code: 'pause/dangling', line: BODY + 1, column: 1 },
    ]);
    expect(pauses(beatOf(source).lines)).toEqual([300]);
  });

  it('lets the later of two pauses for one line win, with pause/duplicate', () => {
    const source = script('One. [PAUSE: 1s] [PAUSE: 2s]', '[PAUSE: 50ms]', 'Two.');
    expect(found(source)).toEqual([
      { code: 'pause/duplicate', line: BODY, column: 18 },
      { code: 'pause/duplicate', line: BODY + 1, column: 1 },
    ]);
    expect(pauses(beatOf(source).lines)).toEqual([50, 300]);
  });

  it("pauses 150 ms after each line and 300 ms after the last, the beat's trailing pause", () => {
    const beat = beatOf(script('One.', 'Two.', 'Three.'));
    expect(pauses(beat.lines)).toEqual([150, 150, 300]);
    expect(beat.pauseAfterMs).toBe(300);
  });

  it("a pause written after the last line is the beat's trailing pause", () => {
    const beat = beatOf(script('One.', 'Two.', '[PAUSE: dramatic]'));
    expect(pauses(beat.lines)).toEqual([150, 900]);
    expect(beat.pauseAfterMs).toBe(900);
  });

  it('a written pause of 150 ms after the last line is kept, not replaced by 300', () => {
    expect(beatOf(script('One.', '[PAUSE: beat]')).pauseAfterMs).toBe(150);
  });
});

describe('text lines and emphasis (els-spec §6)', () => {
  it('removes *emphasis* markers and records the words', () => {
    const line = beatOf(script('Bag look *same*, *very* same.')).lines[0];
    expect(line).toMatchObject({
      text: 'Bag look same, very same.',
      emphasis: ['same', 'very'],
      strongEmphasis: [],
    });
  });

  it('writes **strong** emphasis in capitals, recorded as written', () => {
    const line = beatOf(script('Bag **not** same, **Très** grand, un**believ**able.')).lines[0];
    expect(line).toMatchObject({
      text: 'Bag NOT same, TRÈS grand, unBELIEVable.',
      strongEmphasis: ['not', 'Très', 'believ'],
      emphasis: [],
    });
  });

  it('records several words of one emphasis together', () => {
    const line = beatOf(script('You will own **nothing at all** and be *very happy*.')).lines[0];
    expect(line).toMatchObject({
      text: 'You will own NOTHING AT ALL and be very happy.',
      emphasis: ['very happy'],
      strongEmphasis: ['nothing at all'],
    });
  });

  it('leaves an unmatched * in the text, with emphasis/unmatched at it', () => {
    const source = script('Price *up and chips down.', 'Math: 5 * 3.', 'Wow***.');
    expect(found(source)).toEqual([
      { code: 'emphasis/unmatched', line: BODY, column: 7 },
      { code: 'emphasis/unmatched', line: BODY + 1, column: 9 },
      { code: 'emphasis/unmatched', line: BODY + 2, column: 4 },
    ]);
    expect(texts(beatOf(source).lines)).toEqual([
      'Price *up and chips down.',
      'Math: 5 * 3.',
      'Wow***.',
    ]);
  });

  it('does not nest emphasis: a new opener leaves the open one as text', () => {
    const source = script('*a **b** c*');
    expect(found(source)).toEqual([
      { code: 'emphasis/unmatched', line: BODY, column: 1 },
      { code: 'emphasis/unmatched', line: BODY, column: 11 },
    ]);
    expect(beatOf(source).lines[0]).toMatchObject({
      text: '*a B c*',
      strongEmphasis: ['b'],
      emphasis: [],
    });
  });

  it('places unmatched-emphasis warnings in the source when spaces were collapsed', () => {
    expect(found(script('Tabs\t\tand  spaces [PAUSE: 1s]   then  *wow'))).toEqual([
      { code: 'emphasis/unmatched', line: BODY, column: 39 },
    ]);
  });

  it('makes each run of white space in spoken text one space', () => {
    expect(beatOf(script('Lots   of\t\tspace  here.')).text).toBe('Lots of space here.');
  });

  it('limits a text line to 500 characters once markup is removed', () => {
    const words = 'a'.repeat(496);
    expect(found(script(`*${words}* [PAUSE: 1s] bcd`))).toEqual([]);
    expect(found(script(`${words} bcde`))).toEqual([
      { code: 'line/too-long', line: BODY, column: 1 },
    ]);
    expect(found(script(`*${words}* [PAUSE: 1s] bcde`))).toEqual([
      { code: 'line/too-long', line: BODY, column: 1 },
    ]);
  });
});

describe('segments and beat summary (els-spec §7, §8)', () => {
  it('groups maximal runs of lines with the same character, pace, stability and style', () => {
    const beat = beatOf(
      script(
        'One.',
        '[DIRECTION: louder]',
        'Two.',
        '[CHARACTER: boomer]',
        'Three.',
        '[PACE: slow]',
        'Four.',
        '[STABILITY: 0.3]',
        'Five.',
        '[STYLE: 0.6]',
        'Six.',
        'Seven.',
      ),
    );
    expect(
      beat.segments.map(({ character, pace, speed, stability, style, lines, text }) => [
        character,
        pace,
        speed,
        stability,
        style,
        lines,
        text,
      ]),
    ).toEqual([
      ['every-coon', 'normal', 1, null, null, [0, 1], 'One. Two.'],
      ['boomer', 'normal', 1, null, null, [2], 'Three.'],
      ['boomer', 'slow', 0.75, null, null, [3], 'Four.'],
      ['boomer', 'slow', 0.75, 0.3, null, [4], 'Five.'],
      ['boomer', 'slow', 0.75, 0.3, 0.6, [5, 6], 'Six. Seven.'],
    ]);
  });

  it('one speaker with steady settings is one segment', () => {
    expect(beatOf(script('One.', 'Two [PAUSE: 1s] three.')).segments).toHaveLength(1);
  });

  it("joins all lines' spoken text with spaces, and takes the primary fields from the lines", () => {
    const beat = beatOf(
      script(
        '[CHARACTER: wojak]',
        '[PACE: chaos]',
        'It is *over*.',
        '[CHARACTER: chad]',
        '[DIRECTION: smug]',
        'Just **buy**.',
      ),
    );
    expect(beat).toMatchObject({
      text: 'It is over. Just BUY.',
      primaryCharacter: 'wojak',
      primaryPace: 'chaos',
      primaryDirection: 'smug',
    });
  });
});

describe('the META block and the body together', () => {
  it('keeps lines of other beats apart', () => {
    const result = parsed(
      els(
        ...META,
        '[BEAT: 01]',
        'name: A',
        '---',
        'One.',
        '[END_BEAT]',
        '[BEAT: 02]',
        'name: B',
        '---',
        'Two.',
        'Three.',
        '[END_BEAT]',
      ),
    );
    expect(result.beats.map(({ lines }) => texts(lines))).toEqual([['One.'], ['Two.', 'Three.']]);
  });
});
