import { describe, expect, it } from 'vitest';
import { parse, validate } from '../src/index.js';
import { BODY, CHARACTERS, META, beatOf, els, found, parsed, script } from './helpers.js';

describe('input text (els-spec §2)', () => {
  it('ignores a leading BOM, and columns do not count it', () => {
    const source = `\uFEFF${script('[PACE: speedy]', 'Hi.')}`;
    expect(found(source)).toEqual([{ code: 'pace/unknown', line: BODY, column: 8 }]);
    expect(found('\uFEFF[WHISPER: x]')[0]).toEqual({ code: 'tag/unknown', line: 1, column: 1 });
  });

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('accepts %s line endings, with the same lines and positions', (_name, newline) => {
    const lines = script('Hi.', '[PACE: speedy]', 'Ho.').split('\n');
    const source = lines.join(newline);
    expect(found(source)).toEqual([{ code: 'pace/unknown', line: BODY + 1, column: 8 }]);
    const fixed = lines.join(newline).replace('speedy', 'fast');
    expect(beatOf(fixed).lines.map(({ text, sourceLine }) => [text, sourceLine])).toEqual([
      ['Hi.', BODY],
      ['Ho.', BODY + 2],
    ]);
  });

  it('counts columns in UTF-16 code units, with an exclusive end', () => {
    const [diagnostic] = validate(script('Emoji 😀 then [WHISPER: psst].')).diagnostics;
    expect(diagnostic).toMatchObject({
      code: 'tag/unknown',
      line: BODY,
      column: 15,
      endLine: BODY,
      endColumn: 30,
    });
  });

  it('ignores white space around lines, and blank lines anywhere', () => {
    const source = els(
      '',
      '   [META]  ',
      '\tvideo_title: Spaced  ',
      '',
      '  project: p',
      '  default_character: every-coon',
      '',
      '  [BEAT: 01]  ',
      '',
      '  name: Spaced out  ',
      '',
      '  ---  ',
      '',
      '\t[PACE: fast]\t',
      '   Hi there.   ',
      '',
      '  [END_BEAT]  ',
      '',
    );
    const result = parsed(source);
    expect(result.videoTitle).toBe('Spaced');
    expect(result.beats[0]).toMatchObject({ name: 'Spaced out', text: 'Hi there.' });
    expect(result.beats[0]?.lines[0]?.pace).toBe('fast');
  });

  it('reads tag names case-insensitively, ignoring white space around name, colon and value', () => {
    const beat = beatOf(
      els(
        ...META,
        '[ beat :01 ]',
        'Name: A',
        '---',
        '[ character :  BOOMER ]',
        '[pace:FAST]',
        '[Direction : Grumbly ]',
        'Hi.',
        '[pause: LONG]',
        '[end_beat]',
      ),
    );
    expect(beat).toMatchObject({ id: '01', name: 'A' });
    expect(beat.lines[0]).toMatchObject({
      character: 'boomer',
      pace: 'fast',
      direction: 'Grumbly',
      pauseAfterMs: 600,
    });
  });

  it('keeps the case of free text: title, beat name and direction', () => {
    const result = parsed(
      els(
        '[META]',
        'video_title: Shrinkflation 2.0',
        'project: Trash-Panda',
        'default_character: every-coon',
        '[BEAT: 01]',
        'name: The HOOK',
        '---',
        '[DIRECTION: Punchy, DEADPAN]',
        'Hi.',
        '[END_BEAT]',
      ),
    );
    expect(result.videoTitle).toBe('Shrinkflation 2.0');
    expect(result.project).toBe('Trash-Panda');
    expect(result.beats[0]?.name).toBe('The HOOK');
    expect(result.beats[0]?.primaryDirection).toBe('Punchy, DEADPAN');
  });
});

describe('tag lines (els-spec §2)', () => {
  it.each([
    ['[PACE fast]', 1],
    ['[PAUSE:]', 1],
    ['[PACE: fast', 1],
    ['[PACE:fast [x]', 1],
    ['[END_BEAT now]', 1],
    ['[Style]', 1],
  ])('%s is tag/malformed', (line, column) => {
    expect(found(script('Hi.', line))).toContainEqual({
      code: 'tag/malformed',
      line: BODY + 1,
      column,
    });
  });

  it('[BEAT 01] is malformed, yet still opens its beat so nothing cascades', () => {
    const source = els(...META, '[BEAT 01]', 'name: A', '---', 'Hi.', '[END_BEAT]');
    expect(found(source)).toEqual([{ code: 'tag/malformed', line: 6, column: 1 }]);
    expect(validate(source).beatCount).toBe(1);
  });

  it('a malformed [META] still opens the META block', () => {
    const source = els(
      '[META: draft]',
      'video_title: t',
      'project: p',
      'default_character: chad',
      '[BEAT: 01]',
      'name: A',
      '---',
      'Hi.',
      '[END_BEAT]',
    );
    expect(found(source)).toEqual([{ code: 'tag/malformed', line: 1, column: 1 }]);
  });

  it.each(['[WHISPER: psst]', '[laughs]', '[Laughs loudly]', '[: x]'])(
    '%s alone on its line is tag/unknown',
    (line) => {
      expect(found(script('Hi.', line))).toEqual([
        { code: 'tag/unknown', line: BODY + 1, column: 1 },
      ]);
    },
  );

  it('a line of two tags is a text line, where only PAUSE may be inline', () => {
    expect(found(script('Hi.', '[PACE: fast] [PAUSE: short]'))).toEqual([
      { code: 'tag/inline', line: BODY + 1, column: 1 },
    ]);
  });
});

describe('tags inside a text line (els-spec §2)', () => {
  it('allows [PAUSE: v] anywhere', () => {
    expect(validate(script('Wait [PAUSE: short] for it. [PAUSE: long]')).diagnostics).toEqual([]);
  });

  it.each([
    'CHARACTER: boomer',
    'DIRECTION: loud',
    'PACE: fast',
    'STABILITY: 0.5',
    'STYLE: 0.5',
    'META',
    'END_BEAT',
    'BEAT: 02',
  ])('[%s] inside a text line is tag/inline', (tag) => {
    expect(found(script(`Say [${tag}] this.`))).toEqual([
      { code: 'tag/inline', line: BODY, column: 5 },
    ]);
  });

  it('an unknown [NAME: value] inside a text line is tag/unknown', () => {
    expect(found(script('Say [WHISPER: soft] this.'))).toEqual([
      { code: 'tag/unknown', line: BODY, column: 5 },
    ]);
  });

  it('a known tag name without its colon, or unclosed, is tag/malformed', () => {
    expect(found(script('Say [pause] this.'))).toEqual([
      { code: 'tag/malformed', line: BODY, column: 5 },
    ]);
    expect(found(script('Say this [PAUSE: 50ms'))).toEqual([
      { code: 'tag/malformed', line: BODY, column: 10 },
    ]);
  });

  it('keeps brackets that are no audio tag in the spoken text, as written, with text/bracket', () => {
    const source = script('[1] Okay, [a, b] fine.', 'Stray ] and [ too.');
    expect(found(source)).toEqual([
      { code: 'text/bracket', line: BODY, column: 1 },
      { code: 'text/bracket', line: BODY, column: 11 },
      { code: 'text/bracket', line: BODY + 1, column: 7 },
      { code: 'text/bracket', line: BODY + 1, column: 13 },
    ]);
    expect(beatOf(source).lines.map(({ text }) => text)).toEqual([
      '[1] Okay, [a, b] fine.',
      'Stray ] and [ too.',
    ]);
  });

  it('never speaks a tag: markup leaves the spoken text', () => {
    const beat = beatOf(script('[DIRECTION: whisper it]', 'One [PAUSE: short] two.'));
    expect(beat.text).toBe('One two.');
  });

  it('reads a script whatever it holds, reporting rather than throwing', () => {
    const odd = [
      '[',
      ']',
      '[[[[',
      ']]]]',
      '[PAUSE',
      '[PAUSE: [PAUSE: 1s]',
      '*',
      '**',
      '***',
      '\u0000',
      '\uD800',
    ];
    for (const line of odd) {
      expect(() => parse(script(line))).not.toThrow();
    }
    expect(parse(script(...odd), { characters: CHARACTERS }).ok).toBe(false);
  });
});
