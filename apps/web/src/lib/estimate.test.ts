import { describe, expect, it } from 'vitest';
import type { Beat, Line, Script, Segment } from '@studio/els';
import { estimateScript } from './estimate.js';

function line(text: string, character: string): Line {
  return {
    text,
    taggedText: text,
    audioTags: [],
    character,
    direction: null,
    pace: 'normal',
    speed: 1,
    pauseAfterMs: 150,
    stability: null,
    style: null,
    emphasis: [],
    strongEmphasis: [],
    sourceLine: 1,
  };
}

function beat(id: string, lines: Line[], segments: number[][]): Beat {
  const segs: Segment[] = segments.map((indexes) => ({
    character: lines[indexes[0]!]!.character,
    pace: 'normal',
    speed: 1,
    stability: null,
    style: null,
    lines: indexes,
    text: indexes.map((i) => lines[i]!.text).join(' '),
    taggedText: indexes.map((i) => lines[i]!.taggedText).join(' '),
  }));
  return {
    id,
    number: 1,
    name: id,
    line: 1,
    lines,
    segments: segs,
    text: lines.map((l) => l.text).join(' '),
    primaryCharacter: lines[0]!.character,
    primaryDirection: null,
    primaryPace: 'normal',
    pauseAfterMs: 300,
  };
}

const script: Script = {
  videoTitle: 'T',
  project: 'p',
  defaultCharacter: 'every-coon',
  defaultPace: 'normal',
  beats: [
    beat('01_a', [line('Hello there.', 'every-coon'), line('Hi.', 'every-coon')], [[0, 1]]),
    beat('02_b', [line('Back in my day.', 'boomer'), line('Okay.', 'every-coon')], [[0], [1]]),
  ],
};

describe('estimateScript', () => {
  it('counts the characters of the spoken segments and one request per segment', () => {
    const e = estimateScript(script);
    // "Hello there. Hi." (16) + "Back in my day." (15) + "Okay." (5)
    expect(e.characters).toBe(36);
    expect(e.requests).toBe(3);
    expect(e.beats).toBe(2);
    expect(e.credits).toBe(36);
  });

  it('counts lines and characters per speaker, busiest first', () => {
    const e = estimateScript(script);
    expect(e.byCharacter).toEqual([
      { character: 'every-coon', lines: 3, characters: 21 },
      { character: 'boomer', lines: 1, characters: 15 },
    ]);
  });

  it('prices each speaker at their model: flash/turbo at half a credit, in any case', () => {
    const e = estimateScript(script, [
      { character: 'every-coon', modelId: 'Eleven_Turbo_v2_5' },
      { character: 'boomer', modelId: 'eleven_multilingual_v2' },
    ]);
    expect(e.credits).toBe(Math.ceil(21 * 0.5 + 15));
  });
});
