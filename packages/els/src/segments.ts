/** Segments (els-spec §7): what one text-to-speech request voices. */

import type { Line, Segment } from './types.js';

function sameVoice(a: Line, b: Line): boolean {
  return (
    a.character === b.character &&
    a.pace === b.pace &&
    a.stability === b.stability &&
    a.style === b.style
  );
}

/** Maximal runs of lines with the same character, pace, stability and style (direction does not split). */
export function groupSegments(lines: readonly Line[]): Segment[] {
  const segments: Segment[] = [];
  for (let start = 0; start < lines.length;) {
    const first = lines[start] as Line;
    let end = start + 1;
    while (end < lines.length && sameVoice(first, lines[end] as Line)) end++;
    const run = lines.slice(start, end);
    segments.push({
      character: first.character,
      pace: first.pace,
      speed: first.speed,
      stability: first.stability,
      style: first.style,
      lines: run.map((_, index) => start + index),
      text: run.map((line) => line.text).join(' '),
    });
    start = end;
  }
  return segments;
}
