/** Emphasis markers in a text line (els-spec §6): `*word*` and `**word**`. */

import { STAR, isSpace } from './text.js';

export interface Emphasized {
  /** The text without markers, strong emphasis in capitals. */
  text: string;
  emphasis: readonly string[];
  strongEmphasis: readonly string[];
  /** Runs of `*` left in the text as written: `[start, end)` pairs of indexes into the input. */
  unmatched: readonly number[];
}

/**
 * Shared by the many lines without `*`, to spare allocations per line: the result of a parse is
 * kept, and every object it holds is copied by the garbage collector as it is promoted.
 */
const NONE: readonly number[] = Object.freeze([]);
const NO_WORDS: readonly string[] = Object.freeze([]);

/**
 * Where emphasis puts things, when a caller asks: `offsets` (indexes into the input) are moved in
 * place to the matching indexes in the output text, and `marks` receives each pair's input range
 * and kind as (start, end, strong ? 1 : 0) triples.
 */
export interface EmphasisMap {
  offsets?: number[];
  marks?: number[];
}

/**
 * Read the markers of one line of normalised text (single spaces, trimmed), left to right:
 * a run of one `*` is emphasis, two is strong emphasis, three or more is left as text. A run
 * opens when a non-space follows it and closes the open run of the same length when a non-space
 * precedes it; emphasis does not nest, so a new opener replaces an open one. Every marker that
 * does not pair stays in the text and is reported as unmatched.
 */
export function readEmphasis(line: string, map?: EmphasisMap): Emphasized {
  return new EmphasisReader().read(line, map);
}

/**
 * Reads one line after another, as `readEmphasis` does, into its own fields: they hold the
 * latest line's reading. A parse reads every text line, and keeps only texts and words.
 */
export class EmphasisReader implements Emphasized {
  text = '';
  emphasis = NO_WORDS;
  strongEmphasis = NO_WORDS;
  unmatched = NONE;

  read(line: string, map?: EmphasisMap): this {
    this.text = line;
    this.emphasis = NO_WORDS;
    this.strongEmphasis = NO_WORDS;
    this.unmatched = NONE;
    const star = line.indexOf('*');
    if (star >= 0) this.readMarkers(line, star, map);
    return this;
  }

  /** The markers of `line`, whose first `*` is at `star`. */
  private readMarkers(line: string, star: number, map: EmphasisMap | undefined): void {
    /** (input index, output index) where each piece of the output starts, when mapping offsets. */
    const moves: number[] | null = map?.offsets?.length ? [] : null;
    // Created on first use: most lines with markers have one pair, and nothing unmatched.
    let emphasis: string[] | null = null;
    let strongEmphasis: string[] | null = null;
    let unmatched: number[] | null = null;
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
      if (length > 2) unmatched = pair(unmatched, star, end);
      else if (openAt >= 0 && openLength === length && canClose) {
        const inner = line.slice(openAt + length, star);
        const spoken = length === 2 ? inner.toUpperCase() : inner;
        if (moves !== null) {
          const opened = text.length + openAt - copied;
          moves.push(copied, text.length, openAt, opened, openAt + length, opened);
          moves.push(star, opened + spoken.length);
        }
        map?.marks?.push(openAt, end, length === 2 ? 1 : 0);
        text += line.slice(copied, openAt) + spoken;
        if (length === 2) strongEmphasis = word(strongEmphasis, inner);
        else emphasis = word(emphasis, inner);
        copied = end;
        openAt = -1;
      } else if (canOpen) {
        if (openAt >= 0) unmatched = pair(unmatched, openAt, openAt + openLength);
        openAt = star;
        openLength = length;
      } else unmatched = pair(unmatched, star, end);
      star = line.indexOf('*', end);
    }
    if (openAt >= 0) unmatched = pair(unmatched, openAt, openAt + openLength);
    if (moves !== null) {
      moves.push(copied, text.length);
      moveOffsets(map?.offsets as number[], moves, text.length + line.length - copied);
    }
    // Kept for long, so copied flat: a string built by `+=` is a tree of its pieces.
    if (copied > 0) this.text = [text, line.slice(copied)].join('');
    this.emphasis = toSize(emphasis);
    this.strongEmphasis = toSize(strongEmphasis);
    this.unmatched = unmatched ?? NONE;
  }
}

/** `words` with `inner` added; a list of one is made to size. */
function word(words: string[] | null, inner: string): string[] {
  if (words === null) return [inner];
  words.push(inner);
  return words;
}

function pair(pairs: number[] | null, start: number, end: number): number[] {
  if (pairs === null) return [start, end];
  pairs.push(start, end);
  return pairs;
}

/** Kept for long: an array grown by push keeps spare room, so it is copied to size. */
function toSize(words: string[] | null): readonly string[] {
  if (words === null) return NO_WORDS;
  return words.length === 1 ? words : words.slice();
}

/**
 * Move each input index of `offsets` to the output by `moves`, (input, output) pairs in order:
 * an index keeps its distance from the start of its piece, within the piece's output length
 * (nothing for a removed marker; a capitalised piece may change length).
 */
function moveOffsets(offsets: number[], moves: number[], length: number): void {
  for (let o = 0; o < offsets.length; o++) {
    const at = offsets[o] as number;
    let m = 0;
    while (m + 2 < moves.length && (moves[m + 2] as number) <= at) m += 2;
    const limit = m + 3 < moves.length ? (moves[m + 3] as number) : length;
    offsets[o] = Math.min((moves[m + 1] as number) + at - (moves[m] as number), limit);
  }
}
