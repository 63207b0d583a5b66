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
 * time, so each line is read while it is still in cache, and the line starts are kept for
 * positions. A leading BOM is skipped; `\n`, `\r\n` and `\r` all end a line. Linear: each
 * `indexOf` resumes where the previous line ended.
 */
export class SourceLines {
  /** Offset where each line read so far starts. */
  readonly starts: number[] = [];
  /** The current line, once `next()` has returned true. */
  start = 0;
  end = 0;
  private following: number;
  private cr: number;
  private lf: number;

  constructor(private readonly text: string) {
    this.following = text.charCodeAt(0) === BOM ? 1 : 0;
    this.cr = text.indexOf('\r', this.following);
    this.lf = text.indexOf('\n', this.following);
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
    this.starts.push(start);
    this.start = start;
    this.end = end < 0 ? text.length : end;
    this.following =
      end < 0 ? -1 : end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
    return true;
  }

  /** The position of an offset in a line already read. */
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
