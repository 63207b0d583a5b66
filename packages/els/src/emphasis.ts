/** Emphasis markers in a text line (els-spec §6): `*word*` and `**word**`. */

import { STAR, isSpace } from './text.js';

export interface Emphasized {
  /** The text without markers, strong emphasis in capitals. */
  text: string;
  emphasis: string[];
  strongEmphasis: string[];
  /** Runs of `*` left in the text as written: `[start, end)` indexes into the input. */
  unmatched: ReadonlyArray<readonly [number, number]>;
}

/** Shared by the many lines without `*`, to spare an allocation per line. */
const NONE: Emphasized['unmatched'] = Object.freeze([]);

/**
 * Read the markers of one line of normalised text (single spaces, trimmed), left to right:
 * a run of one `*` is emphasis, two is strong emphasis, three or more is left as text. A run
 * opens when a non-space follows it and closes the open run of the same length when a non-space
 * precedes it; emphasis does not nest, so a new opener replaces an open one. Every marker that
 * does not pair stays in the text and is reported as unmatched.
 */
export function readEmphasis(line: string): Emphasized {
  let star = line.indexOf('*');
  if (star < 0) return { text: line, emphasis: [], strongEmphasis: [], unmatched: NONE };
  const emphasis: string[] = [];
  const strongEmphasis: string[] = [];
  const unmatched: Array<[number, number]> = [];
  let text = '';
  let copied = 0;
  let openAt = -1;
  let openLength = 0;
  while (star >= 0) {
    let end = star + 1;
    while (line.charCodeAt(end) === STAR) end++;
    const length = end - star;
    const canOpen = end < line.length && !isSpace(line.charCodeAt(end));
    const canClose = star > 0 && !isSpace(line.charCodeAt(star - 1));
    if (length > 2) unmatched.push([star, end]);
    else if (openAt >= 0 && openLength === length && canClose) {
      const inner = line.slice(openAt + length, star);
      text += line.slice(copied, openAt) + (length === 2 ? inner.toUpperCase() : inner);
      (length === 2 ? strongEmphasis : emphasis).push(inner);
      copied = end;
      openAt = -1;
    } else if (canOpen) {
      if (openAt >= 0) unmatched.push([openAt, openAt + openLength]);
      openAt = star;
      openLength = length;
    } else unmatched.push([star, end]);
    star = line.indexOf('*', end);
  }
  if (openAt >= 0) unmatched.push([openAt, openAt + openLength]);
  // Exact-size copies: arrays grown by push keep spare room, and lines are kept for long.
  return {
    text: text + line.slice(copied),
    emphasis: emphasis.slice(),
    strongEmphasis: strongEmphasis.slice(),
    unmatched,
  };
}
