import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/index.js';
import type { ElsToken } from '../src/index.js';
import { els } from './helpers.js';

/** Each token as `kind text` (the source it covers), in order. */
function pieces(source: string): string[] {
  return tokenize(source).map(({ kind, start, end }) => `${kind} ${source.slice(start, end)}`);
}

describe('tokenize', () => {
  it('cuts a script into what the parser reads, in order', () => {
    const source = els(
      '[META]',
      '  video_title: Hook  ',
      '[BEAT: 01_a]',
      'name: The hook',
      '---',
      '[DIRECTION: Punchy, dry]',
      '[pace:fast]',
      '[whispers] Bag *look* same [PAUSE: 50ms] **not** [1] x ]',
      '[END_BEAT]',
    );
    expect(pieces(source)).toEqual([
      'tag [META]',
      'meta-key video_title',
      'meta-value Hook',
      'tag [BEAT: ',
      'beat-id 01_a',
      'tag ]',
      'name-key name',
      'name-value The hook',
      'separator ---',
      'tag [DIRECTION: ',
      'direction Punchy, dry',
      'tag ]',
      'tag [pace:',
      'tag-value fast',
      'tag ]',
      'audio-tag [whispers]',
      'emphasis *look*',
      'tag [PAUSE: ',
      'pause 50ms',
      'tag ]',
      'strong **not**',
      'bracket [1]',
      'bracket ]',
      'tag [END_BEAT]',
    ]);
  });

  it('names the tag of tag tokens in capitals, known or not', () => {
    const source = els('[META]', '[BEAT: 01]', 'name: A', '---', '[whisper: x]', '[END_BEAT]');
    const tags = tokenize(source).filter((token) => token.tag !== undefined);
    expect(tags.map(({ kind, tag }) => `${kind} ${tag}`)).toEqual([
      'tag META',
      'tag BEAT',
      'beat-id BEAT',
      'tag BEAT',
      'unknown-tag WHISPER',
      'tag-value WHISPER',
      'unknown-tag WHISPER',
      'tag END_BEAT',
    ]);
  });

  it('cuts emphasis around an audio tag inside it, so tokens never overlap', () => {
    const source = els(
      '[META]',
      '[BEAT: 01]',
      'name: A',
      '---',
      'So *very [laughs] dry*.',
      '[END_BEAT]',
    );
    const line = { start: source.indexOf('So'), end: source.indexOf('[END_BEAT]') };
    const body = tokenize(source).filter(({ start }) => start >= line.start && start < line.end);
    expect(body).toEqual<ElsToken[]>([
      { kind: 'emphasis', start: source.indexOf('*very'), end: source.indexOf('[laughs]') },
      { kind: 'audio-tag', start: source.indexOf('[laughs]'), end: source.indexOf(' dry*') },
      { kind: 'emphasis', start: source.indexOf(' dry*'), end: source.indexOf('*.') + 1 },
    ]);
  });

  it('gives offsets into the source as given, line endings and BOM included', () => {
    const source = '\uFEFF[META]\r\n[BEAT: 01]\r\nname: A\r\n---\r\nHi [sighs].\r\n[END_BEAT]';
    const audio = tokenize(source).find(({ kind }) => kind === 'audio-tag');
    expect(audio && source.slice(audio.start, audio.end)).toBe('[sighs]');
    expect(tokenize(source)[0]).toEqual({ kind: 'tag', start: 1, end: 7, tag: 'META' });
  });

  it('never throws, whatever it is given', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(42 as unknown as string)).toEqual([]);
  });
});
