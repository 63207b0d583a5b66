import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseWithTokens, tokenize } from '../src/index.js';
import type { ParseOptions } from '../src/index.js';
import { CHARACTERS, els, script } from './helpers.js';

/** Every `.els` file of `folder` (relative to this test), by name. */
function scripts(folder: string): [string, string][] {
  const url = new URL(folder, import.meta.url);
  return readdirSync(url)
    .filter((name) => name.endsWith('.els'))
    .map((name) => [name, readFileSync(new URL(name, url), 'utf8')]);
}

const sources: [string, string][] = [
  ...scripts('../../../examples/'),
  ...scripts('fixtures/'),
  ...scripts('fixtures/invalid/'),
  [
    'a broken script',
    els(
      '[META',
      'video_title: x',
      '[BEAT: 01 a]',
      'name:',
      '[PACE: warp',
      '**Hi [laughs]',
      '[WHO]',
    ),
  ],
  ['a script with an unknown character', script('[CHARACTER: gandalf]', '[whispers] *Hi*.')],
  ['a blank text', ''],
];

const options: (ParseOptions | undefined)[] = [
  undefined,
  { characters: CHARACTERS },
  { characters: CHARACTERS, defaultCharacter: 'boomer' },
];

describe('parseWithTokens', () => {
  it.each(sources)('gives parse’s result and tokenize’s tokens for %s', (_, source) => {
    for (const option of options) {
      const { result, tokens } = parseWithTokens(source, option);
      expect(result).toEqual(parse(source, option));
      expect(tokens).toEqual(tokenize(source));
    }
  });

  it('is checked on both outcomes, and on tokens for every text but the blank one', () => {
    const read = sources.map(([, source]) => parseWithTokens(source, { characters: CHARACTERS }));
    expect(read.map(({ result }) => result.ok)).toContain(true);
    expect(read.map(({ result }) => result.ok)).toContain(false);
    expect(read.filter(({ tokens }) => tokens.length === 0)).toHaveLength(1);
  });

  it('never throws, whatever it is given', () => {
    const { result, tokens } = parseWithTokens(
      42 as unknown as string,
      {
        characters: 'chad',
      } as unknown as ParseOptions,
    );
    expect(result).toEqual(parse(''));
    expect(tokens).toEqual([]);
  });
});
