/**
 * The pieces of an ELS source the editor colours, outlines and folds by: source offsets,
 * sorted, never overlapping. Everything in the editor that needs the script's structure reads
 * these, so there is one place where the source is cut into pieces.
 */

export type ElsTokenKind =
  /** `[`, the tag name and `]` of a tag. */
  | 'tag'
  /** A tag that names no known tag. */
  | 'unknown-tag'
  | 'tag-value'
  | 'beat-id'
  | 'direction'
  | 'pause'
  | 'meta-key'
  | 'meta-value'
  | 'name-key'
  | 'name-value'
  | 'separator'
  | 'emphasis'
  | 'strong'
  | 'audio-tag'
  | 'bracket';

export interface ElsToken {
  kind: ElsTokenKind;
  start: number;
  end: number;
  /** For `tag`, `tag-value` and the like: the tag's name in capitals (`PACE`). */
  tag?: string;
}

const TAG_NAMES = new Set([
  'META',
  'END_BEAT',
  'BEAT',
  'CHARACTER',
  'DIRECTION',
  'PACE',
  'PAUSE',
  'STABILITY',
  'STYLE',
]);
const VALUE_KIND: Record<string, ElsTokenKind> = {
  BEAT: 'beat-id',
  DIRECTION: 'direction',
  PAUSE: 'pause',
};
/** `[`, the name, an optional `: value`, `]` — one group. */
const GROUP = /\[\s*([^\]:[]*?)\s*(?::\s*([^\]]*?)\s*)?\]/g;
const AUDIO_TAG = /^[\p{L}\p{M} '-]{1,40}$/u;
const EMPHASIS = /(\*\*|\*)(?=\S)(.+?)(?<=\S)\1/g;

type Place = 'start' | 'meta' | 'name' | 'separator' | 'body' | 'outside';

/** Cut `source` into the tokens the editor colours (lines of `\n`, `\r\n` or `\r`). */
export function tokenize(source: string): ElsToken[] {
  const tokens: ElsToken[] = [];
  let place: Place = 'start';
  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = 0;
  for (;;) {
    const found = lineBreak.exec(source);
    const lineEnd = found ? found.index : source.length;
    const raw = source.slice(lineStart, lineEnd);
    const start = lineStart + (raw.length - raw.trimStart().length);
    const text = raw.trim();
    if (text !== '') place = line(tokens, text, start, place);
    if (!found) break;
    lineStart = lineBreak.lastIndex;
  }
  return tokens;
}

/** Tokens of one trimmed, non-blank line at `start`; returns where the next line is read. */
function line(tokens: ElsToken[], text: string, start: number, place: Place): Place {
  const whole = text.startsWith('[') && text.endsWith(']') && !/[[\]]/.test(text.slice(1, -1));
  if (whole) {
    const name = tagLine(tokens, text, start);
    if (name === 'META') return place === 'start' ? 'meta' : place;
    if (name === 'BEAT') return 'name';
    if (name === 'END_BEAT') return 'outside';
    return place === 'meta' || place === 'start' ? 'outside' : place === 'outside' ? place : 'body';
  }
  const colon = text.indexOf(':');
  if (place === 'meta' && colon > 0) {
    keyValue(tokens, text, start, colon, 'meta-key', 'meta-value');
    return place;
  }
  if (place === 'name' && colon > 0 && text.slice(0, colon).trim().toLowerCase() === 'name') {
    keyValue(tokens, text, start, colon, 'name-key', 'name-value');
    return 'separator';
  }
  if ((place === 'name' || place === 'separator') && text === '---') {
    tokens.push({ kind: 'separator', start, end: start + 3 });
    return 'body';
  }
  textLine(tokens, text, start);
  return place === 'meta' || place === 'start' ? 'outside' : place;
}

function tagLine(tokens: ElsToken[], text: string, start: number): string | null {
  GROUP.lastIndex = 0;
  const match = GROUP.exec(text);
  if (!match) return null;
  return group(tokens, match, start, true);
}

/** One `[…]` group; returns the known tag it names. */
function group(
  tokens: ElsToken[],
  match: RegExpExecArray,
  offset: number,
  alone: boolean,
): string | null {
  const [all, rawName = '', value] = match;
  const at = offset + match.index;
  const name = rawName.toUpperCase();
  const known = TAG_NAMES.has(name) ? name : null;
  if (value === undefined && known === null && !alone) {
    const kind = AUDIO_TAG.test(rawName.trim()) ? 'audio-tag' : 'bracket';
    tokens.push({ kind, start: at, end: at + all.length });
    return null;
  }
  const kind = known === null ? 'unknown-tag' : 'tag';
  if (value === undefined || value === '') {
    tokens.push({ kind, start: at, end: at + all.length, tag: name });
    return known;
  }
  const valueStart = at + all.indexOf(value, all.indexOf(':'));
  const valueEnd = valueStart + value.length;
  tokens.push({ kind, start: at, end: valueStart, tag: name });
  tokens.push({
    kind: (known === null ? undefined : VALUE_KIND[known]) ?? 'tag-value',
    start: valueStart,
    end: valueEnd,
    tag: name,
  });
  tokens.push({ kind, start: valueEnd, end: at + all.length, tag: name });
  return known;
}

function keyValue(
  tokens: ElsToken[],
  text: string,
  start: number,
  colon: number,
  keyKind: ElsTokenKind,
  valueKind: ElsTokenKind,
): void {
  const key = text.slice(0, colon).trimEnd();
  tokens.push({ kind: keyKind, start, end: start + key.length });
  const value = text.slice(colon + 1).trim();
  if (value === '') return;
  const valueStart = start + text.indexOf(value, colon + 1);
  tokens.push({ kind: valueKind, start: valueStart, end: valueStart + value.length });
}

/** Emphasis between the groups of a text line, and the groups themselves. */
function textLine(tokens: ElsToken[], text: string, start: number): void {
  let from = 0;
  GROUP.lastIndex = 0;
  for (let match = GROUP.exec(text); match; match = GROUP.exec(text)) {
    emphasis(tokens, text.slice(from, match.index), start + from);
    group(tokens, match, start, false);
    from = match.index + match[0].length;
  }
  emphasis(tokens, text.slice(from), start + from);
}

function emphasis(tokens: ElsToken[], text: string, start: number): void {
  EMPHASIS.lastIndex = 0;
  for (let match = EMPHASIS.exec(text); match; match = EMPHASIS.exec(text)) {
    const kind = match[1] === '**' ? 'strong' : 'emphasis';
    tokens.push({ kind, start: start + match.index, end: start + match.index + match[0].length });
  }
}
