import type { Alignment } from '../providers/speech-provider.js';

/** Where one line's speech starts and ends inside its segment's audio (ms). */
export interface LineSpan {
  startMs: number;
  endMs: number;
}

/**
 * Finds each line's speech inside the segment from the per-character alignment: the segment text
 * is the lines joined by single spaces, so each line is located in the aligned characters and
 * spans from its first to its last non-blank character. When the alignment does not contain the
 * lines (`exact: false`), time is shared out by character count instead.
 */
export function lineSpans(
  lines: readonly string[],
  alignment: Alignment,
  durationMs: number,
): { spans: LineSpan[]; exact: boolean } {
  const text = alignment.characters.join('');
  // Element index of each UTF-16 offset of `text` (an aligned "character" may be 2 code units).
  const elementAt: number[] = [];
  alignment.characters.forEach((character, index) => {
    for (let unit = 0; unit < character.length; unit++) elementAt.push(index);
  });

  const spans: LineSpan[] = [];
  let cursor = 0;
  for (const line of lines) {
    const at = line === '' ? -1 : text.indexOf(line, cursor);
    if (at < 0) return { spans: proportionalSpans(lines, durationMs), exact: false };
    cursor = at + line.length;
    let startMs = Infinity;
    let endMs = -Infinity;
    for (let element = elementAt[at] ?? 0; element <= (elementAt[cursor - 1] ?? -1); element++) {
      if ((alignment.characters[element] ?? ' ').trim() === '') continue;
      startMs = Math.min(startMs, alignment.startMs[element] ?? startMs);
      endMs = Math.max(endMs, alignment.endMs[element] ?? endMs);
    }
    if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) {
      return { spans: proportionalSpans(lines, durationMs), exact: false };
    }
    spans.push({ startMs, endMs: Math.min(endMs, durationMs) });
  }
  return { spans, exact: true };
}

function proportionalSpans(lines: readonly string[], durationMs: number): LineSpan[] {
  const total = lines.reduce((n, line) => n + line.length, 0) || 1;
  let startMs = 0;
  return lines.map((line) => {
    const endMs = startMs + (durationMs * line.length) / total;
    const span = { startMs, endMs };
    startMs = endMs;
    return span;
  });
}
