import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, validate } from '../src/index.js';
import type { Line, Script } from '../src/index.js';
import { CHARACTERS } from './helpers.js';

const source = readFileSync(new URL('fixtures/spec-example.els', import.meta.url), 'utf8');

const hook: Omit<
  Line,
  'text' | 'taggedText' | 'pauseAfterMs' | 'emphasis' | 'strongEmphasis' | 'sourceLine'
> = {
  audioTags: [],
  character: 'every-coon',
  direction: 'Punchy, accusatory, deadpan',
  pace: 'fast',
  speed: 1.15,
  stability: null,
  style: null,
};

const expected: Script = {
  videoTitle: 'Shrinkflation 2.0',
  project: 'trash-panda',
  defaultCharacter: 'every-coon',
  defaultPace: 'normal',
  beats: [
    {
      id: '01_hook',
      number: 1,
      name: 'Hook',
      line: 7,
      lines: [
        {
          ...hook,
          text: 'Corporation stole your chips.',
          taggedText: 'Corporation stole your chips.',
          pauseAfterMs: 50,
          emphasis: [],
          strongEmphasis: [],
          sourceLine: 12,
        },
        {
          ...hook,
          text: 'Bag look same.',
          taggedText: 'Bag look same.',
          pauseAfterMs: 50,
          emphasis: ['same'],
          strongEmphasis: [],
          sourceLine: 14,
        },
        {
          ...hook,
          text: 'Bag NOT same.',
          taggedText: 'Bag NOT same.',
          pauseAfterMs: 100,
          emphasis: [],
          strongEmphasis: ['not'],
          sourceLine: 15,
        },
        {
          ...hook,
          text: 'You got scammed.',
          taggedText: 'You got scammed.',
          pauseAfterMs: 300,
          emphasis: [],
          strongEmphasis: [],
          sourceLine: 17,
        },
      ],
      segments: [
        {
          character: 'every-coon',
          pace: 'fast',
          speed: 1.15,
          stability: null,
          style: null,
          lines: [0, 1, 2, 3],
          text: 'Corporation stole your chips. Bag look same. Bag NOT same. You got scammed.',
          taggedText: 'Corporation stole your chips. Bag look same. Bag NOT same. You got scammed.',
        },
      ],
      text: 'Corporation stole your chips. Bag look same. Bag NOT same. You got scammed.',
      primaryCharacter: 'every-coon',
      primaryDirection: 'Punchy, accusatory, deadpan',
      primaryPace: 'fast',
      pauseAfterMs: 300,
    },
    {
      id: '02_boomer',
      number: 2,
      name: 'Boomer Rant',
      line: 20,
      lines: [
        {
          text: 'Back in my day, a bag of chips was full.',
          taggedText: 'Back in my day, a bag of chips was full.',
          audioTags: [],
          character: 'boomer',
          direction: null,
          pace: 'slow',
          speed: 0.75,
          pauseAfterMs: 600,
          stability: null,
          style: null,
          emphasis: ['full'],
          strongEmphasis: [],
          sourceLine: 25,
        },
        {
          text: 'Okay boomer.',
          taggedText: 'Okay boomer.',
          audioTags: [],
          character: 'every-coon',
          direction: null,
          pace: 'normal',
          speed: 1,
          pauseAfterMs: 300,
          stability: null,
          style: null,
          emphasis: [],
          strongEmphasis: [],
          sourceLine: 29,
        },
      ],
      segments: [
        {
          character: 'boomer',
          pace: 'slow',
          speed: 0.75,
          stability: null,
          style: null,
          lines: [0],
          text: 'Back in my day, a bag of chips was full.',
          taggedText: 'Back in my day, a bag of chips was full.',
        },
        {
          character: 'every-coon',
          pace: 'normal',
          speed: 1,
          stability: null,
          style: null,
          lines: [1],
          text: 'Okay boomer.',
          taggedText: 'Okay boomer.',
        },
      ],
      text: 'Back in my day, a bag of chips was full. Okay boomer.',
      primaryCharacter: 'boomer',
      primaryDirection: null,
      primaryPace: 'slow',
      pauseAfterMs: 300,
    },
  ],
};

describe('the example of els-spec §1', () => {
  it('parses to the exact expected script, with no diagnostics', () => {
    expect(parse(source, { characters: CHARACTERS })).toStrictEqual({
      ok: true,
      script: expected,
      diagnostics: [],
    });
  });

  it('validates with its beat count and the text lines of each character', () => {
    expect(validate(source, { characters: CHARACTERS })).toStrictEqual({
      ok: true,
      diagnostics: [],
      beatCount: 2,
      characterLines: { 'every-coon': 5, boomer: 1 },
    });
  });
});
