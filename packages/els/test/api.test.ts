import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BARE_TAGS,
  META_KEYS,
  NAMED_PAUSES,
  PACES,
  PACE_SPEED,
  VALUE_TAGS,
  canonicalCharacterName,
  parse,
  readPace,
  readPause,
  validate,
} from '../src/index.js';
import type { ParseOptions } from '../src/index.js';
import { CHARACTERS, script } from './helpers.js';

describe('the API of els-spec §8', () => {
  it('parse returns only the diagnostics when the script has an error', () => {
    const result = parse(script('[PACE: warp]', 'Hi.'));
    expect(result.ok).toBe(false);
    expect(Object.keys(result).sort()).toEqual(['diagnostics', 'ok']);
  });

  it('parse returns the script with its warnings when there is no error', () => {
    const result = parse(script('[1] Hi.'));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map(({ code, severity }) => [code, severity])).toEqual([
      ['text/bracket', 'warning'],
    ]);
  });

  it('validate and parse agree on the diagnostics', () => {
    const source = script('[PACE: warp]', '*Hi.', '[PAUSE: 3s]');
    expect(validate(source).diagnostics).toEqual(parse(source).diagnostics);
  });

  it('exports the pace multipliers and the named pauses', () => {
    expect(PACE_SPEED).toEqual({
      slow: 0.75,
      deliberate: 0.85,
      normal: 1,
      quick: 1.08,
      fast: 1.15,
      chaos: 1.2,
    });
    expect(PACES).toEqual(['slow', 'deliberate', 'normal', 'quick', 'fast', 'chaos']);
    expect(NAMED_PAUSES).toEqual({ beat: 150, short: 250, medium: 400, long: 600, dramatic: 900 });
    expect(Object.isFrozen(PACE_SPEED) && Object.isFrozen(NAMED_PAUSES)).toBe(true);
  });

  it('exports the tag names and the META keys the parser knows', () => {
    expect(BARE_TAGS).toEqual(['META', 'END_BEAT']);
    expect(VALUE_TAGS).toEqual([
      'BEAT',
      'CHARACTER',
      'DIRECTION',
      'PACE',
      'PAUSE',
      'STABILITY',
      'STYLE',
    ]);
    expect(META_KEYS).toEqual(['video_title', 'project', 'default_character', 'default_pace']);
    expect([BARE_TAGS, VALUE_TAGS, META_KEYS].every((list) => Object.isFrozen(list))).toBe(true);
    const codes = (source: string) => parse(source).diagnostics.map(({ code }) => code);
    expect(codes(`[META]\n${META_KEYS.map((key) => `${key}: x`).join('\n')}`)).not.toContain(
      'meta/unknown-key',
    );
  });

  it.each([
    ['dramatic', { ok: true, ms: 900 }],
    ['350', { ok: true, ms: 350 }],
    ['1.5s', { ok: true, ms: 1500 }],
    ['0.4 s', { ok: true, ms: 400 }],
    ['3s', { ok: false, code: 'pause/out-of-range', ms: 3000 }],
    ['soon', { ok: false, code: 'pause/invalid' }],
  ])('readPause(%j) reads as the parser does: %j', (value, reading) => {
    expect(readPause(value)).toEqual(reading);
  });

  it('readPace reads a pace whatever its case, and nothing else', () => {
    expect([readPace('FAST'), readPace('warp')]).toEqual(['fast', null]);
  });

  it.each([
    ['Every Coon', CHARACTERS, 'every-coon'],
    ['everycoon', CHARACTERS, 'every-coon'],
    ['EVERY_COON', CHARACTERS, 'every-coon'],
    ['every coon', ['Every-Coon'], 'Every-Coon'],
    ['Every Coon', undefined, 'every-coon'],
    ['  Big__Bad   Wolf ', undefined, 'big-bad-wolf'],
    ['Gandalf', CHARACTERS, 'gandalf'],
  ])('canonicalCharacterName(%j, %j) is %j', (name, known, canonical) => {
    expect(canonicalCharacterName(name, known)).toBe(canonical);
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [
      undefined,
      null,
      42,
      {},
      [],
      Symbol('x'),
      {
        toString: () => {
          throw new Error('no');
        },
      },
    ];
    const options: unknown[] = [
      undefined,
      null,
      {},
      { characters: 'boomer' },
      { characters: [1, null, 'chad'] },
      { defaultCharacter: 7 },
    ];
    for (const input of inputs) {
      for (const option of options) {
        const result = parse(input as string, option as ParseOptions);
        expect(result.ok).toBe(false);
        expect(validate(input as string, option as ParseOptions).beatCount).toBe(0);
      }
    }
  });

  it('ignores malformed options, keeping the well-formed part', () => {
    const options = {
      characters: [1, 'Chad', null],
      defaultCharacter: 3,
    } as unknown as ParseOptions;
    expect(
      validate(script('[CHARACTER: chad]', 'Hi.'), options).diagnostics.map(({ code }) => code),
    ).toEqual(['character/unknown']);
  });
});

describe('the library', () => {
  it('uses no Node API outside the CLI, so it runs in the browser', () => {
    const folder = new URL('../src/', import.meta.url);
    const library = readdirSync(folder).filter((file) => file.endsWith('.ts') && file !== 'cli.ts');
    expect(library.length).toBeGreaterThan(5);
    for (const file of library) {
      const source = readFileSync(new URL(file, folder), 'utf8');
      expect(source, file).not.toMatch(/from 'node:|require\(|\bprocess\.|\bBuffer\b/);
      expect(
        [...source.matchAll(/from '([^']+)'/g)].every(([, path]) => path?.startsWith('./')),
        file,
      ).toBe(true);
    }
  });
});
