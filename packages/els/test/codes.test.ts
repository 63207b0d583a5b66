import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_SEVERITY, validate } from '../src/index.js';
import type { DiagnosticCode } from '../src/index.js';
import { BODY, CHARACTERS, META, beat, els, found, script } from './helpers.js';
import type { Found } from './helpers.js';

/** One minimal script per code of els-spec §10, and every diagnostic it must produce. */
const cases: Record<DiagnosticCode, { source: string; expected: Found[] }> = {
  'meta/missing': {
    source: els('', ...beat('01_a', '[CHARACTER: boomer]', 'Hi.')),
    expected: [{ code: 'meta/missing', line: 2, column: 1 }],
  },
  'meta/missing-title': {
    source: els('[META]', 'project: p', 'default_character: every-coon', ...beat('01', 'Hi.')),
    expected: [{ code: 'meta/missing-title', line: 1, column: 1 }],
  },
  'meta/missing-project': {
    source: els('[META]', 'video_title: t', 'default_character: every-coon', ...beat('01', 'Hi.')),
    expected: [{ code: 'meta/missing-project', line: 1, column: 1 }],
  },
  'meta/unknown-key': {
    source: els(
      '[META]',
      'video_title: t',
      'project: p',
      'default_character: chad',
      '  author: me',
      ...beat('01', 'Hi.'),
    ),
    expected: [{ code: 'meta/unknown-key', line: 5, column: 3 }],
  },
  'beat/missing-name': {
    source: els(...META, '[BEAT: 01]', '---', 'Hi.', '[END_BEAT]'),
    expected: [{ code: 'beat/missing-name', line: 6, column: 1 }],
  },
  'beat/missing-separator': {
    source: els(...META, '[BEAT: 01]', 'name: A', 'Hi.', '[END_BEAT]'),
    expected: [{ code: 'beat/missing-separator', line: 6, column: 1 }],
  },
  'beat/invalid-id': {
    source: els(...META, ...beat('../etc', 'Hi.')),
    expected: [{ code: 'beat/invalid-id', line: 6, column: 8 }],
  },
  'beat/duplicate-id': {
    source: els(...META, ...beat('01_a', 'Hi.'), ...beat('01_A', 'Ho.')),
    expected: [{ code: 'beat/duplicate-id', line: 11, column: 8 }],
  },
  'beat/unclosed': {
    source: els(...META, '[BEAT: 01]', 'name: A', '---', 'Hi.'),
    expected: [{ code: 'beat/unclosed', line: 6, column: 1 }],
  },
  'beat/nested': {
    source: els(...META, '[BEAT: 01]', 'name: A', '---', 'Hi.', ...beat('02', 'Ho.')),
    expected: [{ code: 'beat/nested', line: 10, column: 1 }],
  },
  'beat/unexpected-end': {
    source: els(...META, ...beat('01', 'Hi.'), '  [END_BEAT]'),
    expected: [{ code: 'beat/unexpected-end', line: 11, column: 3 }],
  },
  'beat/empty': {
    source: els(...META, ...beat('01', '[PACE: fast]')),
    expected: [{ code: 'beat/empty', line: 6, column: 1 }],
  },
  'text/outside-beat': {
    source: els(...META, ...beat('01', 'Hi.'), 'Lost line.'),
    expected: [{ code: 'text/outside-beat', line: 11, column: 1 }],
  },
  'tag/unknown': {
    source: script('[WHISPER: psst]', 'Hi.'),
    expected: [{ code: 'tag/unknown', line: BODY, column: 1 }],
  },
  'tag/malformed': {
    source: script('Hi.', '[PACE fast]'),
    expected: [{ code: 'tag/malformed', line: BODY + 1, column: 1 }],
  },
  'tag/inline': {
    source: script('Hello [PACE: fast] there.'),
    expected: [{ code: 'tag/inline', line: BODY, column: 7 }],
  },
  'character/unknown': {
    source: script('[CHARACTER: gandalf]', 'Hi.'),
    expected: [{ code: 'character/unknown', line: BODY, column: 13 }],
  },
  'character/missing': {
    source: els('[META]', 'video_title: t', 'project: p', ...beat('01', 'Hi.')),
    expected: [{ code: 'character/missing', line: 7, column: 1 }],
  },
  'pace/unknown': {
    source: script('[PACE: speedy]', 'Hi.'),
    expected: [{ code: 'pace/unknown', line: BODY, column: 8 }],
  },
  'pause/invalid': {
    source: script('Hi.', '[PAUSE: soon]'),
    expected: [{ code: 'pause/invalid', line: BODY + 1, column: 9 }],
  },
  'pause/out-of-range': {
    source: script('Hi.', '[PAUSE: 3s]'),
    expected: [{ code: 'pause/out-of-range', line: BODY + 1, column: 9 }],
  },
  'setting/invalid': {
    source: script('[STABILITY: 1.5]', 'Hi.'),
    expected: [{ code: 'setting/invalid', line: BODY, column: 13 }],
  },
  'line/too-long': {
    source: script('a'.repeat(501)),
    expected: [{ code: 'line/too-long', line: BODY, column: 1 }],
  },
  'text/invalid-character': {
    source: script('Hi\u0000 there.', 'Bad \uD800 half.'),
    expected: [
      { code: 'text/invalid-character', line: BODY, column: 3 },
      { code: 'text/invalid-character', line: BODY + 1, column: 5 },
    ],
  },
  'text/tags-only': {
    source: script('Hi.', '  [laughs] [sighs]'),
    expected: [{ code: 'text/tags-only', line: BODY + 1, column: 3 }],
  },
  'pause/dangling': {
    source: script('[PAUSE: short]', 'Hi.'),
    expected: [{ code: 'pause/dangling', line: BODY, column: 1 }],
  },
  'pause/duplicate': {
    source: script('Hi. [PAUSE: 1s]', '[PAUSE: 2s]'),
    expected: [{ code: 'pause/duplicate', line: BODY + 1, column: 1 }],
  },
  'emphasis/unmatched': {
    source: script('5 * 3 is 15.'),
    expected: [{ code: 'emphasis/unmatched', line: BODY, column: 3 }],
  },
  'text/bracket': {
    source: script('[1] Okay.'),
    expected: [{ code: 'text/bracket', line: BODY, column: 1 }],
  },
  'script/large': {
    source: els(
      ...META,
      ...Array.from({ length: 51 }, (_, index) => beat(String(index + 1), 'Hi.')).flat(),
    ),
    expected: [{ code: 'script/large', line: 6 + 50 * 5, column: 1 }],
  },
};

describe('every diagnostic code of els-spec §10', () => {
  it.each(Object.entries(cases))('%s is reported at its line and column', (code, example) => {
    expect(found(example.source, { characters: CHARACTERS })).toEqual(example.expected);
    const [diagnostic] = validate(example.source, { characters: CHARACTERS }).diagnostics;
    expect(diagnostic?.severity).toBe(DIAGNOSTIC_SEVERITY[code as DiagnosticCode]);
  });

  it('has a case for every code', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(DIAGNOSTIC_SEVERITY).sort());
  });

  it('gives every error code the error severity and every warning code the warning one', () => {
    const warnings = Object.entries(DIAGNOSTIC_SEVERITY)
      .filter(([, severity]) => severity === 'warning')
      .map(([code]) => code);
    expect(warnings.sort()).toEqual(
      [
        'meta/unknown-key',
        'meta/missing-title',
        'meta/missing-project',
        'pause/dangling',
        'pause/duplicate',
        'emphasis/unmatched',
        'text/bracket',
        'script/large',
      ].sort(),
    );
  });

  it('reports every error, not only the first, and says ok only without errors', () => {
    const result = validate(script('[PACE: speedy]', 'Hi [WHISPER: x].', '[PAUSE: 9s]'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map(({ code }) => code)).toEqual([
      'pace/unknown',
      'tag/unknown',
      'pause/out-of-range',
    ]);
    expect(validate(script('[PAUSE: short]', 'Hi.')).ok).toBe(true);
  });
});
