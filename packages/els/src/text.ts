/** Character-level helpers shared by the stages of the parser. */

export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const COLON = 0x3a;
export const STAR = 0x2a;

/** White space exactly as `String.prototype.trim` sees it, so offsets agree with trimmed text. */
export function isSpace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A half-open range of source offsets. */
export interface Span {
  start: number;
  end: number;
}

/** The first offset in `[start, end)` that is not white space, or `end`. */
export function skipSpace(text: string, start: number, end: number): number {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return start;
}

/** The end of `[start, end)` once trailing white space is removed. */
export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** `[start, end)` with white space removed at both ends. */
export function trimSpan(text: string, start: number, end: number): Span {
  const first = skipSpace(text, start, end);
  return { start: first, end: trimEnd(text, first, end) };
}

/** Offset of the first `code` in `[start, end)`, or -1. Bounded, unlike `indexOf`, so scans stay linear. */
export function findCode(text: string, code: number, start: number, end: number): number {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Where the first match at or after `from` is, or -1: a native search, such as `indexOf`. */
export type Search = (text: string, from: number) => number;

/** A `Search` for a global regular expression that matches one character. */
export function searchFor(pattern: RegExp): Search {
  return (text, from) => {
    pattern.lastIndex = from;
    return pattern.test(text) ? pattern.lastIndex - 1 : -1;
  };
}

/**
 * Finds something in a source at offsets that move forward, line after line. Each search runs
 * natively, and its answer is kept until the offsets pass it, so however many lines ask, the
 * source is searched once in all: no JavaScript loop over their characters, which costs most
 * before the engine has compiled it.
 */
export class Finder {
  /** Where the kept answer was searched from: a search starting before it is done again. */
  private from = Infinity;
  /** The first match at or after `from`, or -1 when there is none. */
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly search: Search,
  ) {}

  /** Offset of the first match in `[start, end)`, or -1. */
  find(start: number, end: number): number {
    if (start < this.from || (this.at >= 0 && this.at < start)) {
      this.from = start;
      this.at = this.search(this.text, start);
    }
    return this.at >= 0 && this.at < end ? this.at : -1;
  }
}

/** A `key: value` line (META keys, a beat's `name:`), split at its first colon. */
export interface KeyValue {
  key: string;
  keySpan: Span;
  value: string;
  valueSpan: Span;
}

export function readKeyValue(text: string, start: number, end: number): KeyValue | null {
  const colon = findCode(text, COLON, start, end);
  if (colon < 0) return null;
  const keySpan = trimSpan(text, start, colon);
  const valueSpan = trimSpan(text, colon + 1, end);
  return {
    key: text.slice(keySpan.start, keySpan.end).toLowerCase(),
    keySpan,
    value: text.slice(valueSpan.start, valueSpan.end),
    valueSpan,
  };
}

/** Quote a value from the script inside a message, shortened: a message stays one short line. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}
