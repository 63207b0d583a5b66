/** "Format": the parser's canonical text, with the cursor kept on the same beat and line. */

import { format, parse, type ParseOptions, type Script } from '@studio/els';

export interface Formatted {
  text: string;
  /** The cursor's 1-based line and column in `text`. */
  line: number;
  column: number;
}

/**
 * Format `source` (null when it has errors: only a valid script has a canonical form). The
 * cursor at `line`/`column` moves to the same text line of the same beat (or that beat's header
 * when it was on a tag line before the first text line); in META it keeps its line.
 */
export function formatSource(
  source: string,
  options: ParseOptions,
  line: number,
  column: number,
): Formatted | null {
  const parsed = parse(source, options);
  if (!parsed.ok) return null;
  const text = format(parsed.script);
  const again = parse(text, options);
  if (!again.ok) return null;
  const place = placeOf(parsed.script, line);
  const target =
    place === null ? Math.min(line, firstBeatLine(again.script) - 1) : lineOf(again.script, place);
  const targetText = text.split('\n')[Math.max(0, target - 1)] ?? '';
  return { text, line: Math.max(1, target), column: Math.min(column, targetText.length + 1) };
}

interface Place {
  beat: number;
  /** Index of the text line, or -1 for the beat's header. */
  line: number;
}

function placeOf(script: Script, line: number): Place | null {
  let found: Place | null = null;
  script.beats.forEach((beat, b) => {
    if (beat.line > line) return;
    found = { beat: b, line: -1 };
    beat.lines.forEach((l, i) => {
      if (l.sourceLine <= line) found = { beat: b, line: i };
    });
  });
  return found;
}

function lineOf(script: Script, place: Place): number {
  const beat = script.beats[place.beat];
  if (!beat) return 1;
  return place.line < 0 ? beat.line : (beat.lines[place.line]?.sourceLine ?? beat.line);
}

function firstBeatLine(script: Script): number {
  return script.beats[0]?.line ?? Number.MAX_SAFE_INTEGER;
}
