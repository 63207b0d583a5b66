import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { format, parse } from '../src/index.js';
import type { ParseOptions, Script } from '../src/index.js';
import { CHARACTERS, META, beatOf, els, parsed, script, withoutPositions } from './helpers.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

/** format, then parse again: the script must come back the same, and formatting is stable. */
function roundTrip(script: Script, options?: ParseOptions): Script {
  const text = format(script);
  const again = parse(text, options);
  if (!again.ok)
    throw new Error(
      `formatted text does not parse:\n${text}\n${JSON.stringify(again.diagnostics)}`,
    );
  expect(withoutPositions(again.script)).toEqual(withoutPositions(script));
  expect(format(again.script)).toBe(text);
  return again.script;
}

describe('format', () => {
  it('writes the spec example as canonical ELS', () => {
    expect(format(parsed(fixture('spec-example.els')))).toBe(
      els(
        '[META]',
        'video_title: Shrinkflation 2.0',
        'project: trash-panda',
        'default_character: every-coon',
        'default_pace: normal',
        '',
        '[BEAT: 01_hook]',
        'name: Hook',
        '---',
        '[DIRECTION: Punchy, accusatory, deadpan]',
        '[PACE: fast]',
        'Corporation stole your chips. [PAUSE: 50ms]',
        'Bag look *same*. [PAUSE: 50ms]',
        'Bag **not** same. [PAUSE: 100ms]',
        'You got scammed.',
        '[END_BEAT]',
        '',
        '[BEAT: 02_boomer]',
        'name: Boomer Rant',
        '---',
        '[CHARACTER: boomer]',
        '[PACE: slow]',
        'Back in my day, a bag of chips was *full*. [PAUSE: 600ms]',
        '[CHARACTER: every-coon]',
        '[PACE: normal]',
        'Okay boomer.',
        '[END_BEAT]',
        '',
      ),
    );
  });

  it.each(
    readdirSync(new URL('fixtures/', import.meta.url)).filter((name) => name.endsWith('.els')),
  )('round-trips the fixture %s', (name) => {
    roundTrip(parsed(fixture(name), { characters: CHARACTERS }), { characters: CHARACTERS });
  });

  it.each(
    readdirSync(new URL('../../../examples/', import.meta.url)).filter((name) =>
      name.endsWith('.els'),
    ),
  )('round-trips the example %s', (name) => {
    const source = readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
    roundTrip(parsed(source, { characters: CHARACTERS }), { characters: CHARACTERS });
  });

  it("writes the caller's default character into META, so the text stands alone", () => {
    const source = els(
      '[META]',
      'video_title: t',
      'project: p',
      '[BEAT: 01]',
      'name: A',
      '---',
      'Hi.',
      '[END_BEAT]',
    );
    const text = format(parsed(source, { defaultCharacter: 'Whale' }));
    expect(text).toContain('default_character: whale\n');
    roundTrip(parsed(text));
  });

  it('writes only what is set: no title, project or default character when absent', () => {
    const text = format(
      parsed(
        els('[META]', '[BEAT: 01]', 'name: A', '---', '[CHARACTER: fed]', 'Hi.', '[END_BEAT]'),
      ),
    );
    expect(text).toBe(
      els(
        '[META]',
        'default_pace: normal',
        '',
        '[BEAT: 01]',
        'name: A',
        '---',
        '[CHARACTER: fed]',
        'Hi.',
        '[END_BEAT]',
        '',
      ),
    );
  });

  it('keeps a line that is one bracket group a text line, by writing its pause', () => {
    const source = script('[1] [PAUSE: beat] Okay.', '[2] [PAUSE: 300ms]');
    const text = format(parsed(source));
    expect(text).toContain('\n[1] [PAUSE: 150ms]\nOkay.\n[2] [PAUSE: 300ms]\n');
    roundTrip(parsed(source));
  });

  it('writes settings without exponent notation', () => {
    const result = roundTrip(
      parsed(script('[STABILITY: 0.0000001]', '[STYLE: 0.000000123456789]', 'Hi.')),
    );
    expect(result.beats[0]?.lines[0]).toMatchObject({ stability: 1e-7, style: 1.23456789e-7 });
    expect(format(result)).toContain('[STABILITY: 0.0000001]\n[STYLE: 0.000000123456789]\n');
  });

  it('puts emphasis back where it reads the same, next to literal asterisks too', () => {
    const lines = [
      'Bag look *same*, bag **not** same.',
      'x*y *y* and **a** then *a*.',
      '*x ab *b* done',
      'Math: 5 * 3 = **15**, *really*.',
      'The *the* THE **the**.',
      '**a *b* c**',
      'un*believ*able **WOW** wow',
      'bag **NOT bag** *NOT*',
    ];
    const result = parsed(script(...lines));
    roundTrip(result);
    expect(beatOf(format(result)).lines.map(({ text }) => text)).toEqual(
      result.beats[0]?.lines.map(({ text }) => text),
    );
  });

  it('writes a tag only where a setting changes, and what a changed script holds', () => {
    const result = parsed(script('[PACE: fast]', 'One.', '[PACE: fast]', 'Two.'));
    const [beat] = result.beats;
    if (beat === undefined) throw new Error('no beat');
    const edited: Script = {
      ...result,
      beats: [
        {
          ...beat,
          pauseAfterMs: 900,
          lines: beat.lines.map((line) => ({ ...line, pace: 'slow', speed: 0.75 })),
        },
      ],
    };
    expect(format(edited)).toBe(
      els(
        ...META.slice(0, 4),
        'default_pace: normal',
        '',
        '[BEAT: 01_test]',
        'name: Test',
        '---',
        '[PACE: slow]',
        'One.',
        'Two. [PAUSE: 900ms]',
        '[END_BEAT]',
        '',
      ),
    );
  });
});
