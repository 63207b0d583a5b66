import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_SEVERITY, format, parse, tokenize, validate } from '../src/index.js';
import type { Diagnostic, ParseOptions } from '../src/index.js';
import { CHARACTERS, withoutPositions } from './helpers.js';

/** The length of each line of `source`, as the spec splits it. */
function lineLengths(source: string): number[] {
  return source
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.length);
}

function insideInput(diagnostic: Diagnostic, lengths: number[]): boolean {
  const { line, column, endLine, endColumn } = diagnostic;
  const fits = (row: number, col: number): boolean =>
    row >= 1 && row <= lengths.length && col >= 1 && col <= (lengths[row - 1] as number) + 1;
  const ordered = endLine > line || (endLine === line && endColumn >= column);
  return fits(line, column) && fits(endLine, endColumn) && ordered;
}

/** What must hold for any input; returns whether the input parsed. */
function check(source: string, options: ParseOptions): boolean {
  const result = parse(source, options);
  const lengths = lineLengths(source);
  for (const diagnostic of result.diagnostics) {
    expect(insideInput(diagnostic, lengths), JSON.stringify(diagnostic)).toBe(true);
    expect(diagnostic.severity).toBe(DIAGNOSTIC_SEVERITY[diagnostic.code]);
  }
  let previousEnd = 0;
  for (const token of tokenize(source)) {
    // Sorted, never overlapping, never empty, inside the input.
    expect(token.start >= previousEnd && token.end > token.start, JSON.stringify(token)).toBe(true);
    previousEnd = token.end;
  }
  expect(previousEnd).toBeLessThanOrEqual(source.length);
  const errors = result.diagnostics.filter(({ severity }) => severity === 'error');
  expect(result.ok).toBe(errors.length === 0);
  // validate checks without building the script: it must find exactly what parse finds.
  const validation = validate(source, options);
  expect(validation.diagnostics).toEqual(result.diagnostics);
  if (!result.ok) return false;
  expect(validation.beatCount).toBe(result.script.beats.length);
  const counted: Record<string, number> = {};
  for (const { character } of result.script.beats.flatMap(({ lines }) => lines)) {
    if (character) counted[character] = (counted[character] ?? 0) + 1;
  }
  expect(validation.characterLines).toEqual(counted);
  const text = format(result.script);
  const again = parse(text, options);
  expect(again.ok, text).toBe(true);
  if (again.ok) {
    expect(withoutPositions(again.script)).toEqual(withoutPositions(result.script));
    expect(format(again.script)).toBe(text);
  }
  return true;
}

const options = fc.constantFrom<ParseOptions>(
  {},
  { characters: CHARACTERS },
  { defaultCharacter: 'chad' },
  { characters: CHARACTERS, defaultCharacter: 'Whale' },
);

const spaces = fc.constantFrom('', ' ', '  ', '\t');
const word = fc.constantFrom(
  'bag',
  'chips',
  'Same',
  'NOT',
  'price',
  'up',
  'the',
  'The',
  'a',
  'ß',
  'été',
  '5',
  'math!',
  '😀',
);
const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((list) => list.join(' '));
const characterName = fc.constantFrom(...CHARACTERS, 'Every Coon', 'everycoon', 'BOOMER', 'wo_jak');
const pace = fc.constantFrom('slow', 'deliberate', 'normal', 'quick', 'fast', 'chaos', 'FAST');
const pauseValue = fc.constantFrom(
  'beat',
  'short',
  'Long',
  'dramatic',
  '0',
  '50ms',
  '350',
  '1.5s',
  '2000',
  '12.6ms',
);
const setting = fc.constantFrom('0', '1', '0.35', '.5', '0.0000001');
const tagName = (name: string): fc.Arbitrary<string> =>
  fc.constantFrom(name, name.toLowerCase(), ` ${name} `);

const bodyTag = fc.oneof(
  fc.tuple(tagName('CHARACTER'), characterName).map(([tag, value]) => `[${tag}: ${value}]`),
  fc.tuple(tagName('DIRECTION'), words).map(([tag, value]) => `[${tag}: ${value}]`),
  fc.tuple(tagName('PACE'), pace).map(([tag, value]) => `[${tag}:${value}]`),
  fc.tuple(tagName('PAUSE'), pauseValue).map(([tag, value]) => `[${tag}: ${value}]`),
  fc
    .tuple(fc.constantFrom('STABILITY', 'style'), setting)
    .map(([tag, value]) => `[${tag}: ${value}]`),
);

/**
 * A piece of a text line after its first word: words, emphasis, brackets, audio tags (spaced,
 * tight to words and markers), pauses, stray stars.
 */
const chunk = fc.oneof(
  { weight: 4, arbitrary: words },
  { weight: 2, arbitrary: words.map((text) => `*${text}*`) },
  { weight: 2, arbitrary: words.map((text) => `**${text}**`) },
  { weight: 1, arbitrary: fc.constantFrom('[1]', '[a, b]', '*', 'x*y', '5 * 3', '***') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '[laughs]',
      '[ sighs ]',
      '[strong  French accent]',
      '[шепотом]',
      'x[laughs]y',
      '*bag*[sighs]',
      '[sighs]*bag*',
      '**up**[whispers]',
      "[can't-stop]",
    ),
  },
  { weight: 2, arbitrary: pauseValue.map((value) => `[PAUSE: ${value}]`) },
);
const textLine = fc
  .tuple(word, fc.array(chunk, { maxLength: 5 }))
  .map(([first, rest]) => [first, ...rest].join(' '));

const beat = (index: number): fc.Arbitrary<string[]> =>
  fc
    .tuple(
      fc.constantFrom(`${index + 1}_scene`, `0${index + 1}`, `intro${'x'.repeat(index)}`),
      words,
      fc.array(fc.oneof(bodyTag, textLine), { maxLength: 7 }),
      textLine,
    )
    .map(([id, name, body, last]) => [
      `[BEAT: ${id}]`,
      `name: ${name}`,
      '---',
      ...body,
      last,
      '[END_BEAT]',
    ]);

const meta = fc
  .record({
    title: fc.option(words),
    project: fc.option(fc.constant('trash-panda')),
    character: fc.option(characterName),
    pace: fc.option(pace),
  })
  .map(({ title, project, character, pace: defaultPace }) => [
    '[META]',
    ...(title === null ? [] : [`video_title: ${title}`]),
    ...(project === null ? [] : [`project: ${project}`]),
    ...(character === null ? [] : [`default_character: ${character}`]),
    ...(defaultPace === null ? [] : [`default_pace: ${defaultPace}`]),
  ]);

const validLines = fc
  .tuple(meta, fc.integer({ min: 1, max: 4 }))
  .chain(([head, count]) =>
    fc
      .tuple(...Array.from({ length: count }, (_, index) => beat(index)))
      .map((beats) => [head, ...beats].flat()),
  );

/** Lines a mutation may insert: tags right and wrong, structure, stray text. */
const strayLine = fc.oneof(
  bodyTag,
  textLine,
  fc.constantFrom(
    '[META]',
    '[END_BEAT]',
    '[BEAT: 99_new]',
    '[BEAT: a/b]',
    '---',
    'name: X',
    '',
    '[WHISPER: x]',
    '[PACE fast]',
    '[PAUSE:]',
    '[PAUSE: 9s]',
    '[STYLE: 2]',
    '[laughs]',
    '[CHARACTER: gandalf]',
    'mood: grim',
  ),
);

type Mutation =
  { kind: 'insert'; at: number; line: string } | { kind: 'delete' | 'duplicate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: strayLine }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat() }),
);

function mutate(lines: string[], mutations: Mutation[]): string[] {
  const out = [...lines];
  for (const change of mutations) {
    const at = change.at % (out.length + 1);
    if (change.kind === 'insert') out.splice(at, 0, change.line);
    else if (at < out.length) {
      if (change.kind === 'delete') out.splice(at, 1);
      else out.splice(at, 0, out[at] as string);
    }
  }
  return out;
}

interface Layout {
  newline: string;
  bom: boolean;
  indents: string[];
}

const layout: fc.Arbitrary<Layout> = fc.record({
  newline: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
  indents: fc.array(spaces, { minLength: 1, maxLength: 5 }),
});

function source(lines: string[], { newline, bom, indents }: Layout): string {
  const indented = lines.map(
    (line, index) => `${indents[index % indents.length] as string}${line}`,
  );
  return (bom ? '\uFEFF' : '') + indented.join(newline);
}

describe('properties of parse and format', () => {
  it('on arbitrary text: never throws, every range inside the input', () => {
    const elsish = fc
      .array(
        fc.constantFrom(
          '[',
          ']',
          ':',
          '*',
          '**',
          '\n',
          '\r',
          '\r\n',
          ' ',
          '\t',
          'PAUSE',
          'META',
          'BEAT',
          'END_BEAT',
          '---',
          'name',
          'x',
          '1s',
          '\uFEFF',
          '😀',
          '\uD800',
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), elsish),
        options,
        (text, chosen) => {
          check(text, chosen);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('on valid and mutated scripts: ranges inside the input, and parse(format(s)) is s', () => {
    let parsedCount = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        validLines,
        fc.array(mutation, { maxLength: 3 }),
        layout,
        options,
        (lines, mutations, look, chosen) => {
          runs++;
          if (check(source(mutate(lines, mutations), look), chosen)) parsedCount++;
        },
      ),
      { numRuns: 400 },
    );
    // Enough of the generated scripts must parse for the round trip to be exercised.
    expect(parsedCount / runs).toBeGreaterThan(0.3);
  });
});
