import { Text } from '@codemirror/state';
import { parse, tokenize, validate, type ParseOptions } from '@studio/els';
import { describe, expect, it } from 'vitest';
import { completionsAt, type CompletionFacts } from './completion.js';
import { formatSource } from './format-source.js';
import { highlightSpans } from './highlight.js';
import { hoverAt, type VoiceFacts } from './hover.js';
import { lintDiagnostics } from './lint.js';
import { readSource } from './reading.js';
import { nextBeatNumber, outline } from './structure.js';

const script = `[META]
video_title: Chips
project: trash-panda
default_character: every-coon

[BEAT: 01_hook]
name: Hook
---
[DIRECTION: Punchy, deadpan]
[PACE: fast]
Bag look *same*. [PAUSE: 50ms] Bag **not** same. [whispers] Okay.
[END_BEAT]

[BEAT: 02_boomer]
name: Boomer Rant
---
[CHARACTER: boomer]
Back in my day.
[END_BEAT]
`;

const doc = (source: string) => Text.of(source.split(/\r\n|\r|\n/));

/** Where `needle` starts in `source` (the `nth` occurrence, from 0). */
function at(source: string, needle: string, nth = 0): number {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = source.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in source`);
  return index;
}

const characters = ['every-coon', 'boomer', 'karen', 'narrator', 'kid', 'robot'];
const facts: CompletionFacts = {
  characters: characters.map((name) => ({ name, detail: name.toUpperCase() })),
  beats: [{ id: '01_hook' }, { id: '02_boomer' }],
};

describe('highlighting', () => {
  it('gives each piece of the script the class of what it is', () => {
    const spans = highlightSpans(tokenize(script)).map((s) => [
      script.slice(s.from, s.to),
      s.class,
    ]);
    expect(spans).toEqual(
      expect.arrayContaining([
        ['[META]', 'els-tag'],
        ['video_title', 'els-key'],
        ['Chips', 'els-value'],
        ['[BEAT: ', 'els-tag'],
        ['01_hook', 'els-beat-id'],
        ['name', 'els-key'],
        ['Hook', 'els-beat-name'],
        ['---', 'els-separator'],
        ['Punchy, deadpan', 'els-direction'],
        ['fast', 'els-value'],
        ['*same*', 'els-emphasis'],
        ['50ms', 'els-pause'],
        ['**not**', 'els-strong'],
        ['[whispers]', 'els-audio-tag'],
        ['[END_BEAT]', 'els-tag'],
        ['boomer', 'els-value'],
      ]),
    );
  });

  it('marks a tag that names no known tag', () => {
    const source = '[BEAT: 01]\nname: A\n---\n[WHISPER: x]\nHi.\n[END_BEAT]';
    const spans = highlightSpans(tokenize(source));
    expect(
      spans.filter((s) => s.class === 'els-unknown-tag').map((s) => source.slice(s.from, s.to)),
    ).toEqual(['[WHISPER: ', ']']);
  });

  it('never overlaps and stays sorted, whatever the input', () => {
    const source = `${script}\n[[x]] *a **b* c** [PAUSE: ] ] [`;
    const spans = highlightSpans(tokenize(source));
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]!.from).toBeGreaterThanOrEqual(spans[i - 1]!.to);
    }
  });
});

describe('lint ranges', () => {
  it('underlines each diagnostic at its exact range with its severity and code', () => {
    const source = script.replace('[PACE: fast]', '[PACE: fastt]').replace('Chips', '');
    const { diagnostics } = validate(source);
    const lint = lintDiagnostics(doc(source), diagnostics);
    const pace = lint.find((d) => d.source === 'pace/unknown');
    expect(pace && source.slice(pace.from, pace.to)).toBe('fastt');
    expect(pace?.severity).toBe('error');
    expect(pace?.markClass).toBe('els-code-pace-unknown');
    expect(lint.map((d) => d.source).sort()).toEqual(diagnostics.map((d) => d.code).sort());
  });

  it('counts columns after a BOM as the parser does, and clamps past the end', () => {
    const source = '\uFEFF[META]\n[PACE: slow]';
    const lint = lintDiagnostics(doc(source), validate(source).diagnostics);
    const outside = lint.find((d) => d.source === 'text/outside-beat');
    expect(outside && source.slice(outside.from, outside.to)).toBe('[PACE: slow]');
    const beyond = lintDiagnostics(doc('[META]'), [
      {
        severity: 'error',
        code: 'beat/empty',
        message: '',
        line: 9,
        column: 1,
        endLine: 9,
        endColumn: 4,
      },
    ]);
    expect([beyond[0]?.from, beyond[0]?.to]).toEqual([6, 6]);
  });
});

describe('completion', () => {
  const complete = (source: string, pos = source.length) => {
    const list = completionsAt(doc(source), pos, facts);
    return list && { from: list.from, labels: list.options.map((o) => o.label) };
  };

  it('offers tag names after [ — every tag at a line start, only PAUSE inside a line', () => {
    const start = complete('[BEAT: 01]\nname: A\n---\n[PA');
    expect(start?.labels).toEqual([
      'BEAT 03_…',
      'BEAT',
      'CHARACTER',
      'DIRECTION',
      'PACE',
      'PAUSE',
      'STABILITY',
      'STYLE',
      'META',
      'END_BEAT',
    ]);
    expect(start?.from).toBe('[BEAT: 01]\nname: A\n---\n['.length);
    expect(complete('Hello there [')?.labels).toEqual(['PAUSE']);
  });

  it('offers the paces, the named pauses and the characters after their tags', () => {
    expect(complete('[PACE: f')?.labels).toEqual([
      'slow',
      'deliberate',
      'normal',
      'quick',
      'fast',
      'chaos',
    ]);
    expect(complete('[PACE: f')?.from).toBe(7);
    expect(complete('Hi. [pause: ')?.labels).toEqual([
      'beat',
      'short',
      'medium',
      'long',
      'dramatic',
    ]);
    expect(complete('[CHARACTER: ')?.labels).toEqual(characters);
  });

  it('offers META keys inside [META], characters after default_character:, nothing in text', () => {
    expect(complete('[META]\nvideo_title: X\nde')?.labels).toEqual([
      'video_title',
      'project',
      'default_character',
      'default_pace',
    ]);
    expect(complete('[META]\ndefault_character: ev')?.labels).toEqual(characters);
    expect(complete('[META]\ndefault_pace: ')?.labels).toContain('chaos');
    expect(complete('[BEAT: 01]\nname: A\n---\nHello')).toBeNull();
  });

  it('offers a whole beat numbered after the last beat', () => {
    const list = completionsAt(doc('['), 1, facts);
    expect(list?.options[0]?.label).toBe('BEAT 03_…');
    expect(nextBeatNumber([{ id: '01_a' }, { id: '09_b' }])).toBe('10');
    expect(nextBeatNumber([{ id: 'intro' }])).toBe('02');
    expect(nextBeatNumber([])).toBe('01');
  });
});

describe('hover', () => {
  const voices: VoiceFacts[] = [
    {
      character: 'boomer',
      displayName: 'Boomer',
      voiceId: 'v-boomer',
      speed: 0.95,
      stability: 0.6,
    },
  ];
  const hover = (needle: string, nth = 0) =>
    hoverAt(doc(script), at(script, needle, nth), voices)?.text;

  it('tells a pause in milliseconds, a pace its speed, a character its voice profile', () => {
    expect(hover('50ms')).toBe('Pause: 50 ms');
    expect(hover('fast]')).toBe('Pace fast: speed ×1.15');
    expect(hover('boomer]', 1)).toBe('boomer — Boomer (voice v-boomer), speed 0.95, stability 0.6');
    expect(hoverAt(doc('[PAUSE: long]'), 3, voices)?.text).toBe('Pause: 600 ms');
    expect(hoverAt(doc('[PAUSE: 1.5s]'), 3, voices)?.text).toBe('Pause: 1500 ms');
    expect(hover('Punchy')).toBeUndefined();
  });

  it('reads a pause as the parser does, and tells nothing of one it rejects', () => {
    const pause = (value: string) => hoverAt(doc(`[PAUSE: ${value}]`), 3, voices)?.text;
    expect([pause('0.4 s'), pause('2000ms'), pause('LONG')]).toEqual([
      'Pause: 400 ms',
      'Pause: 2000 ms',
      'Pause: 600 ms',
    ]);
    expect([pause('3s'), pause('soon'), pause('-1')]).toEqual([undefined, undefined, undefined]);
  });
});

describe('reading', () => {
  const options: ParseOptions = { characters };

  it('gives the parse result and the tokens of one text from one pass', () => {
    for (const source of [script, script.replace('fast]', 'warp]')]) {
      const reading = readSource(source, options);
      expect(reading.source).toBe(source);
      expect(reading.parsed).toEqual(parse(source, options));
      expect(reading.tokens).toEqual(tokenize(source));
    }
    expect(readSource(script, options).parsed?.ok).toBe(true);
    expect(readSource(script.replace('fast]', 'warp]'), options).parsed?.ok).toBe(false);
  });

  it('reads a blank text as nothing', () => {
    expect(readSource(' \n ', options)).toEqual({ source: ' \n ', parsed: null, tokens: [] });
  });
});

describe('outline', () => {
  it('lists the beats with their ranges, header to [END_BEAT]', () => {
    const beats = outline(script, tokenize(script));
    expect(beats.map((b) => [b.id, b.name])).toEqual([
      ['01_hook', 'Hook'],
      ['02_boomer', 'Boomer Rant'],
    ]);
    const [hook] = beats;
    expect(script.slice(hook!.from, hook!.headerEnd)).toBe('[BEAT: 01_hook]');
    expect(script.slice(hook!.to - '[END_BEAT]'.length, hook!.to)).toBe('[END_BEAT]');
  });

  it('ends an unclosed beat where the next starts', () => {
    const source = '[BEAT: 01]\nname: A\n---\nHi.\n[BEAT: 02]\nname: B\n---\nYo.';
    const beats = outline(source, tokenize(source));
    expect(beats.map((b) => [b.from, b.to])).toEqual([
      [0, at(source, '[BEAT: 02]')],
      [at(source, '[BEAT: 02]'), source.length],
    ]);
  });
});

describe('Format', () => {
  it('writes the canonical script and keeps the cursor on the same line of the same beat', () => {
    const messy = script
      .replace('[PACE: fast]', '[PACE: fast]\n\n\n')
      .replace('Back in my day.', '   Back in   my day.');
    const lines = messy.split('\n');
    const line = lines.findIndex((l) => l.includes('Back in')) + 1;
    const formatted = formatSource(messy, {}, line, 8);
    expect(formatted).not.toBeNull();
    expect(parse(formatted!.text).ok).toBe(true);
    expect(formatted!.text.split('\n')[formatted!.line - 1]).toBe('Back in my day.');
    expect(formatted!.column).toBe(8);
  });

  it('refuses a script with errors', () => {
    expect(formatSource(script.replace('fast]', 'fastt]'), {}, 1, 1)).toBeNull();
  });
});
