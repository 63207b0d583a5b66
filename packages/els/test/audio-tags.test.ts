import { describe, expect, it } from 'vitest';
import { format, parse, validate } from '../src/index.js';
import type { Line } from '../src/index.js';
import { BODY, beatOf, found, parsed, script, withoutPositions } from './helpers.js';

/** The only line of a one-line beat. */
function lineOf(text: string): Line {
  const [line, ...rest] = beatOf(script(text)).lines;
  if (line === undefined || rest.length > 0) throw new Error('expected exactly one line');
  return line;
}

const tagged = ({ text, taggedText, audioTags }: Line) => ({ text, taggedText, audioTags });

describe('audio tags (els-spec §11)', () => {
  it('takes a bracket word out of the spoken text, keeps it in taggedText, with no warning', () => {
    const source = script('[whispers] Okay boomer.');
    expect(found(source)).toEqual([]);
    expect(tagged(lineOf('[whispers] Okay boomer.'))).toEqual({
      text: 'Okay boomer.',
      taggedText: '[whispers] Okay boomer.',
      audioTags: [{ name: 'whispers', at: 0 }],
    });
  });

  it('names a tag by its inside trimmed, inner runs of white space made one, case kept', () => {
    expect(lineOf('[  strong \t French   Accent ] Bonjour.').audioTags).toEqual([
      { name: 'strong French Accent', at: 0 },
    ]);
  });

  it.each([
    ['[chuchote]', 'chuchote'],
    ['[шепотом]', 'шепотом'],
    ['[ささやき]', 'ささやき'],
    ['[फुसफुसाते]', 'फुसफुसाते'],
    ["[can't stop laughing]", "can't stop laughing"],
    ['[half-laugh]', 'half-laugh'],
    [`[${'a'.repeat(40)}]`, 'a'.repeat(40)],
  ])('reads %s as an audio tag: letters of any script, spaces, "-" and "\'"', (tag, name) => {
    expect(found(script(`${tag} Hi.`))).toEqual([]);
    expect(lineOf(`${tag} Hi.`).audioTags).toEqual([{ name, at: 0 }]);
  });

  it('places each tag before the offset of the text it stands at', () => {
    expect(tagged(lineOf('Okay [laughs] boomer.'))).toEqual({
      text: 'Okay boomer.',
      taggedText: 'Okay [laughs] boomer.',
      audioTags: [{ name: 'laughs', at: 5 }],
    });
    expect(tagged(lineOf('Okay boomer. [laughs]'))).toEqual({
      text: 'Okay boomer.',
      taggedText: 'Okay boomer. [laughs]',
      audioTags: [{ name: 'laughs', at: 12 }],
    });
    expect(tagged(lineOf('[sighs] Fine. [laughs] Whatever.'))).toEqual({
      text: 'Fine. Whatever.',
      taggedText: '[sighs] Fine. [laughs] Whatever.',
      audioTags: [
        { name: 'sighs', at: 0 },
        { name: 'laughs', at: 6 },
      ],
    });
  });

  it('collapses the white space around a tag to one space, and leaves none at the ends', () => {
    expect(tagged(lineOf('[sighs]   Okay   [laughs]\t boomer.   [whispers]'))).toEqual({
      text: 'Okay boomer.',
      taggedText: '[sighs] Okay [laughs] boomer. [whispers]',
      audioTags: [
        { name: 'sighs', at: 0 },
        { name: 'laughs', at: 5 },
        { name: 'whispers', at: 12 },
      ],
    });
    // With no white space around it, none is added to the spoken text; taggedText spaces it.
    expect(tagged(lineOf('Okay[laughs]boomer.'))).toEqual({
      text: 'Okayboomer.',
      taggedText: 'Okay [laughs] boomer.',
      audioTags: [{ name: 'laughs', at: 4 }],
    });
  });

  it('lets emphasis markers stand next to a tag', () => {
    const line = lineOf('[whispers]*Okay* **boomer**[laughs] now.');
    expect(line).toMatchObject({
      text: 'Okay BOOMER now.',
      taggedText: '[whispers] Okay BOOMER [laughs] now.',
      audioTags: [
        { name: 'whispers', at: 0 },
        { name: 'laughs', at: 12 },
      ],
      emphasis: ['Okay'],
      strongEmphasis: ['boomer'],
    });
  });

  it('lets [PAUSE: v] stand next to a tag: each part keeps its own tags', () => {
    const beat = beatOf(script('Okay [laughs][PAUSE: long] boomer [sighs] now.'));
    expect(beat.lines.map(tagged)).toEqual([
      { text: 'Okay', taggedText: 'Okay [laughs]', audioTags: [{ name: 'laughs', at: 4 }] },
      {
        text: 'boomer now.',
        taggedText: 'boomer [sighs] now.',
        audioTags: [{ name: 'sighs', at: 7 }],
      },
    ]);
    expect(beat.lines.map(({ pauseAfterMs }) => pauseAfterMs)).toEqual([600, 300]);
  });

  it('moves the tags of a part without words to the start of the next part', () => {
    const beat = beatOf(script('Hi.', '[laughs] [PAUSE: long] Okay.'));
    expect(beat.lines.map(tagged)).toEqual([
      { text: 'Hi.', taggedText: 'Hi.', audioTags: [] },
      { text: 'Okay.', taggedText: '[laughs] Okay.', audioTags: [{ name: 'laughs', at: 0 }] },
    ]);
    expect(beat.lines[0]?.pauseAfterMs).toBe(600);
  });

  it('gives segments the taggedText of their lines, joined with single spaces', () => {
    const beat = beatOf(script('[sighs] Fine.', 'Really.', '[CHARACTER: boomer]', 'Back then.'));
    expect(beat.segments.map(({ text, taggedText }) => ({ text, taggedText }))).toEqual([
      { text: 'Fine. Really.', taggedText: '[sighs] Fine. Really.' },
      { text: 'Back then.', taggedText: 'Back then.' },
    ]);
    expect(beat.text).toBe('Fine. Really. Back then.');
  });

  it('keeps taggedText equal to text on a line without tags', () => {
    const line = lineOf('Plain *words*.');
    expect(line.taggedText).toBe(line.text);
    expect(line.audioTags).toEqual([]);
  });

  it.each([
    ['[1] Hi.', 1],
    ['Hi [] there.', 4],
    ['Hi [a, b] there.', 4],
    [`Hi [${'a'.repeat(41)}] there.`, 4],
    ['Hi [-] there.', 4],
    ["Hi [ ' ] there.", 4],
    ['Hi [laughs!] there.', 4],
  ])('keeps %s, no audio tag, in the spoken text with text/bracket', (text, column) => {
    expect(found(script(text))).toEqual([{ code: 'text/bracket', line: BODY, column }]);
    expect(lineOf(text)).toMatchObject({ text, taggedText: text, audioTags: [] });
  });

  it('keeps the rules of [NAME: value] and of known tag names inside a text line', () => {
    expect(found(script('Hi [WHISPER: x] there.'))).toEqual([
      { code: 'tag/unknown', line: BODY, column: 4 },
    ]);
    expect(found(script('Say [pause] this.', 'Go [PACE fast] now.'))).toEqual([
      { code: 'tag/malformed', line: BODY, column: 5 },
      { code: 'tag/malformed', line: BODY + 1, column: 4 },
    ]);
  });

  it('reports a line of audio tags and no words as text/tags-only, at its first tag', () => {
    expect(found(script('Hi.', '[laughs] [sighs]'))).toEqual([
      { code: 'text/tags-only', line: BODY + 1, column: 1 },
    ]);
    expect(found(script('Hi.', '[laughs] [PAUSE: 1s]'))).toEqual([
      { code: 'text/tags-only', line: BODY + 1, column: 1 },
    ]);
    // Tags after the line's last words and a pause have no words to stand before.
    expect(found(script('Hi. [PAUSE: 1s] [laughs]  [sighs]'))).toEqual([
      { code: 'text/tags-only', line: BODY, column: 17 },
    ]);
    const [diagnostic] = validate(script('Hi.', '[laughs] [sighs]')).diagnostics;
    expect(diagnostic).toMatchObject({
      severity: 'error',
      line: BODY + 1,
      column: 1,
      endLine: BODY + 1,
      endColumn: 17,
    });
  });

  it('keeps a single bracket word alone on its line a tag line: tag/unknown', () => {
    expect(found(script('Hi.', '  [laughs]  '))).toEqual([
      { code: 'tag/unknown', line: BODY + 1, column: 3 },
    ]);
    expect(parse(script('[laughs]', 'Hi.')).ok).toBe(false);
  });

  it('formats tags back in place, so that parsing gives the same script again', () => {
    const source = script(
      '[whispers] Okay boomer.',
      'Okay [laughs] *boomer*.',
      'Okay[laughs]boomer **now**[sighs]!',
      '[sighs]   *Really*   [laughs]',
      'One [PAUSE: 1s] two [strong French accent] three.',
      '[laughs][sighs] Both.',
    );
    const script1 = parsed(source);
    const text = format(script1);
    expect(text).toContain('\n[whispers] Okay boomer.\n');
    expect(text).toContain('\nOkay [laughs] *boomer*.\n');
    expect(text).toContain('\nOkay[laughs]boomer **now**[sighs]!\n');
    expect(text).toContain('\n[sighs] *Really* [laughs]\n');
    expect(text).toContain('\n[laughs] [sighs] Both.\n');
    const again = parsed(text);
    expect(withoutPositions(again)).toEqual(withoutPositions(script1));
    expect(format(again)).toBe(text);
  });
});
