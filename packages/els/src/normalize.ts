/**
 * Spoken-text normalisation: the source ranges of a text line, tags cut out, with each run of
 * white space made one space, and a map back to source offsets for placing diagnostics.
 */

import { Finder, isSpace, searchFor } from './text.js';

/**
 * White space that normalising changes: a space before another, or any other white space (but
 * line breaks, never inside a line).
 */
const UNNORMAL_SPACE = searchFor(/[^\S \n\r]| (?= )/g);
const SPACE = 0x20;

/**
 * One part of a text line at a time: its source ranges, the spoken text they make, and the map
 * back to the source. Reused from part to part: a parse normalises every text line, and keeps
 * only the texts.
 */
export class Normalizer {
  /** The part's source ranges, tags cut out: (start, end) pairs, `piecesLength` entries. */
  private readonly pieces: number[] = [];
  private piecesLength = 0;
  /** Pairs (index in the text, source offset) where each copied run of the source starts. */
  private readonly runs: number[] = [];
  private runsLength = 0;
  private readonly unnormal: Finder;

  constructor(private readonly source: string) {
    this.unnormal = new Finder(source, UNNORMAL_SPACE);
  }

  /** Start a new part. */
  clear(): void {
    this.piecesLength = 0;
  }

  /** Add the source range `[start, end)` to the part. */
  add(start: number, end: number): void {
    this.pieces[this.piecesLength++] = start;
    this.pieces[this.piecesLength++] = end;
  }

  get pieceCount(): number {
    return this.piecesLength / 2;
  }

  pieceStart(piece: number): number {
    return this.pieces[2 * piece] as number;
  }

  pieceEnd(piece: number): number {
    return this.pieces[2 * piece + 1] as number;
  }

  /**
   * The part's text normalised. Text is copied in runs that need no change, and a range that
   * needs none at all is only sliced. With `cuts`, it also receives where each cut between two
   * pieces lands in the text: the offset of the first character after the cut, so a space that
   * white space around the cut collapses to stands before it (the end of the text when nothing
   * follows).
   */
  normalize(cuts?: number[]): string {
    const { source, pieces, runs } = this;
    const first = pieces[0] as number;
    if (this.piecesLength === 2 && this.isNormal(first, pieces[1] as number)) {
      runs[0] = 0;
      runs[1] = first;
      this.runsLength = 2;
      return source.slice(first, pieces[1]);
    }
    let text = '';
    this.runsLength = 0;
    let space = false;
    /** How many cuts have been passed; those from `placed` on wait for the next run. */
    let passed = 0;
    let placed = 0;
    for (let p = 0; p < this.piecesLength; p += 2) {
      if (p > 0) passed++;
      const end = pieces[p + 1] as number;
      let i = pieces[p] as number;
      while (i < end) {
        if (isSpace(source.charCodeAt(i))) {
          space = text.length > 0;
          i++;
          continue;
        }
        const run = this.runEnd(i, end);
        if (space) text += ' ';
        space = false;
        if (cuts !== undefined) for (; placed < passed; placed++) cuts[placed] = text.length;
        runs[this.runsLength++] = text.length;
        runs[this.runsLength++] = i;
        text += source.slice(i, run);
        i = run;
      }
    }
    if (cuts !== undefined) for (; placed < passed; placed++) cuts[placed] = text.length;
    return text;
  }

  /** Whether `[start, end)` is already normalised: trimmed, with no white space but single spaces. */
  private isNormal(start: number, end: number): boolean {
    return (
      start === end || (!isSpace(this.source.charCodeAt(start)) && this.runEnd(start, end) === end)
    );
  }

  /**
   * The end of the run from `start` (not white space) that normalising leaves as it is: it stops
   * before any white space other than a single space between two other characters.
   */
  private runEnd(start: number, end: number): number {
    const found = this.unnormal.find(start, end);
    const stop = found < 0 ? end : found;
    // A space before other white space, or at the end of the range, is not a single space either.
    return stop > start && this.source.charCodeAt(stop - 1) === SPACE ? stop - 1 : stop;
  }

  /** The source offset of `index` in the latest text: a binary search of its runs. */
  sourceOffset(index: number): number {
    const { runs } = this;
    let low = 0;
    let high = this.runsLength / 2 - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((runs[2 * mid] as number) <= index) low = mid;
      else high = mid - 1;
    }
    return (runs[2 * low + 1] as number) + index - (runs[2 * low] as number);
  }
}
