/** Stage 1: cut the source into lines, keeping offsets; positions are computed only when reported. */

const BOM = 0xfeff;
const CR = 0x0d;
const LF = 0x0a;

/** 1-based line and column (UTF-16 code units) of an offset. */
export interface Position {
  line: number;
  column: number;
}

/**
 * A cursor over the lines of a source (terminators excluded): the parser pulls one line at a
 * time, so each line is read while it is still in cache. A leading BOM is skipped; `\n`, `\r\n`
 * and `\r` all end a line. Linear: each `indexOf` resumes where the previous line ended.
 */
export class SourceLines {
  /** Where the first line starts: after the BOM, if any. */
  readonly first: number;
  /** The current line, once `next()` has returned true. */
  start = 0;
  end = 0;
  /** Where the next line starts; -1 after the last line. */
  following: number;
  private cr: number;
  private lf: number;

  constructor(private readonly text: string) {
    this.first = text.charCodeAt(0) === BOM ? 1 : 0;
    this.following = this.first;
    this.cr = text.indexOf('\r', this.first);
    this.lf = text.indexOf('\n', this.first);
  }

  /** Move to the next line; false at the end of the source. */
  next(): boolean {
    const { text } = this;
    const start = this.following;
    if (start < 0) return false;
    if (this.cr >= 0 && this.cr < start) this.cr = text.indexOf('\r', start);
    if (this.lf >= 0 && this.lf < start) this.lf = text.indexOf('\n', start);
    const { cr, lf } = this;
    const end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    this.start = start;
    this.end = end < 0 ? text.length : end;
    this.following =
      end < 0 ? -1 : end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
    return true;
  }
}

/**
 * Positions of offsets in a source. The lines are read again, only as far as `last`, the
 * furthest offset asked for: a parse keeps no table of line starts, since most scripts report
 * nothing, or little, and never past their end.
 */
export class Positions {
  /** Offset where each line up to `last` starts. */
  private readonly starts: number[] = [];

  constructor(text: string, last: number) {
    const lines = new SourceLines(text);
    while (lines.next()) {
      this.starts.push(lines.start);
      if (lines.following < 0 || lines.following > last) break;
    }
  }

  position(offset: number): Position {
    const { starts } = this;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  }
}
