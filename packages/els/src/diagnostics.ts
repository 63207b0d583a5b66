/** The one list of errors and warnings a parse produces. */

import { Positions } from './source.js';
import type { Span } from './text.js';
import type { Diagnostic, DiagnosticCode, Severity } from './types.js';

/** Severity belongs to the code (els-spec §10), so producers and consumers always agree. */
export const DIAGNOSTIC_SEVERITY: Readonly<Record<DiagnosticCode, Severity>> = Object.freeze({
  'meta/missing': 'error',
  'beat/missing-name': 'error',
  'beat/missing-separator': 'error',
  'beat/invalid-id': 'error',
  'beat/duplicate-id': 'error',
  'beat/unclosed': 'error',
  'beat/nested': 'error',
  'beat/unexpected-end': 'error',
  'beat/empty': 'error',
  'text/outside-beat': 'error',
  'tag/unknown': 'error',
  'tag/malformed': 'error',
  'tag/inline': 'error',
  'character/unknown': 'error',
  'character/missing': 'error',
  'pace/unknown': 'error',
  'pause/invalid': 'error',
  'pause/out-of-range': 'error',
  'setting/invalid': 'error',
  'line/too-long': 'error',
  'text/invalid-character': 'error',
  'text/tags-only': 'error',
  'meta/unknown-key': 'warning',
  'meta/missing-title': 'warning',
  'meta/missing-project': 'warning',
  'pause/dangling': 'warning',
  'pause/duplicate': 'warning',
  'emphasis/unmatched': 'warning',
  'text/bracket': 'warning',
  'script/large': 'warning',
});

interface Pending {
  code: DiagnosticCode;
  message: string;
  start: number;
  end: number;
  beatKey: string | undefined;
}

/** Collects diagnostics as source offsets; lines and columns are computed once, at the end. */
export class DiagnosticList {
  private readonly pending: Pending[] = [];
  private errors = 0;

  add(code: DiagnosticCode, message: string, span: Span, beatKey?: string): void {
    this.pending.push({ code, message, start: span.start, end: span.end, beatKey });
    if (DIAGNOSTIC_SEVERITY[code] === 'error') this.errors++;
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /**
   * In source order (some checks, like an empty beat, are only known later than their line),
   * with the positions of their offsets in `text`, the source they were found in.
   */
  resolve(text: string): Diagnostic[] {
    if (this.pending.length === 0) return [];
    const sorted = [...this.pending].sort((a, b) => a.start - b.start);
    let last = 0;
    for (const { end } of sorted) last = Math.max(last, end);
    const lines = new Positions(text, last);
    return sorted.map(({ code, message, start, end, beatKey }) => {
      const from = lines.position(start);
      const to = lines.position(end);
      const diagnostic: Diagnostic = {
        severity: DIAGNOSTIC_SEVERITY[code],
        code,
        message,
        line: from.line,
        column: from.column,
        endLine: to.line,
        endColumn: to.column,
      };
      if (beatKey !== undefined) diagnostic.beatKey = beatKey;
      return diagnostic;
    });
  }
}
