import { describe, expect, it } from 'vitest';
import { lineSpans } from '../src/render/line-spans.js';

function align(text: string, msPerCharacter = 10) {
  const characters = Array.from(text);
  return {
    characters,
    startMs: characters.map((_, i) => i * msPerCharacter),
    endMs: characters.map((_, i) => (i + 1) * msPerCharacter),
  };
}

describe('lineSpans', () => {
  it('spans each line from its first to its last non-blank character', () => {
    const { spans, exact } = lineSpans(['Hi.', 'Go now.'], align('Hi. Go now.'), 110);
    expect(exact).toBe(true);
    expect(spans).toEqual([
      { startMs: 0, endMs: 30 },
      { startMs: 40, endMs: 110 },
    ]);
  });

  it('counts characters outside the basic plane as one aligned character', () => {
    const { spans } = lineSpans(['Wow 🎉', 'ok'], align('Wow 🎉 ok'), 80);
    expect(spans).toEqual([
      { startMs: 0, endMs: 50 },
      { startMs: 60, endMs: 80 },
    ]);
  });

  it('shares the time out by length when the alignment does not hold the lines', () => {
    const { spans, exact } = lineSpans(['abc', 'defghi'], align('something else'), 900);
    expect(exact).toBe(false);
    expect(spans).toEqual([
      { startMs: 0, endMs: 300 },
      { startMs: 300, endMs: 900 },
    ]);
  });
});
