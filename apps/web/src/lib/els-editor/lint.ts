/** The parser's diagnostics as CodeMirror lint ranges: same range, same severity, code shown. */

import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { Diagnostic } from '@studio/els';

/**
 * The offset of a 1-based line and column (UTF-16 units) in `doc`, clamped to the line. The
 * parser skips a leading BOM, so columns of the first line start after it.
 */
export function offsetOf(doc: Text, line: number, column: number): number {
  if (line > doc.lines) return doc.length;
  const { from, to } = doc.line(Math.max(1, line));
  const bom = line === 1 && doc.sliceString(0, 1) === '\uFEFF' ? 1 : 0;
  return Math.min(to, from + bom + Math.max(0, column - 1));
}

export function lintDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): LintDiagnostic[] {
  return diagnostics.map((d) => {
    const from = offsetOf(doc, d.line, d.column);
    const to = Math.max(from, offsetOf(doc, d.endLine, d.endColumn));
    return {
      from,
      to,
      severity: d.severity,
      message: d.message,
      source: d.code,
      markClass: `els-code-${d.code.replace('/', '-')}`,
    };
  });
}
