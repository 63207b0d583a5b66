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
  // Counted first, to be made to size: an array grown by push keeps spare room, and it is kept.
  let count = 0;
  for (let index = 0; index < lines.length; index++) {
    if (index === 0 || !sameVoice(lines[index - 1] as Line, lines[index] as Line)) count++;
  }
  const segments = new Array<Segment>(count);
  let segment = 0;
  for (let start = 0; start < lines.length;) {
    const first = lines[start] as Line;
    let end = start + 1;
    while (end < lines.length && sameVoice(first, lines[end] as Line)) end++;
    const indexes: number[] = new Array<number>(end - start);
    let text = '';
    let tagged = false;
    for (let index = start; index < end; index++) {
      const line = lines[index] as Line;
      indexes[index - start] = index;
      text = text === '' ? line.text : `${text} ${line.text}`;
      tagged ||= line.audioTags.length > 0;
    }
    let taggedText = text;
    if (tagged) {
      taggedText = '';
      for (let index = start; index < end; index++) {
        const line = lines[index] as Line;
        taggedText = taggedText === '' ? line.taggedText : `${taggedText} ${line.taggedText}`;
      }
    }
    segments[segment++] = {
      character: first.character,
      pace: first.pace,
      speed: first.speed,
      stability: first.stability,
      style: first.style,
      lines: indexes,
      text,
      taggedText,
    };
    start = end;
  }
  return segments;
}

/**
 * Texts joined with single spaces. Concatenation lets the engine share the parts instead of
 * copying them as `join` does, which keeps a large script's result much smaller.
 */
export function joinText(parts: ReadonlyArray<{ text: string }>): string {
  let joined = '';
  for (const { text } of parts) joined = joined === '' ? text : `${joined} ${text}`;
  return joined;
}
