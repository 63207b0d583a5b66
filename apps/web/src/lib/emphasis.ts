/**
 * Splitting a parsed line's spoken text into plain / emphasised / strongly emphasised runs, so the
 * review screen can render what the writer marked with `*word*` and `**word**`. The parser has
 * already removed the asterisks (and written strong emphasis in capitals); it lists the marked
 * phrases, which are found back in the text in order.
 */
export interface TextRun {
  text: string;
  kind: 'plain' | 'em' | 'strong';
}

interface Mark {
  start: number;
  end: number;
  kind: 'em' | 'strong';
}

function findMarks(text: string, phrases: readonly string[], kind: Mark['kind']): Mark[] {
  const marks: Mark[] = [];
  const haystack = text.toLowerCase();
  let from = 0;
  for (const phrase of phrases) {
    const needle = phrase.toLowerCase();
    if (needle === '') continue;
    let at = haystack.indexOf(needle, from);
    if (at < 0) at = haystack.indexOf(needle); // out of order: take the first occurrence
    if (at < 0) continue;
    marks.push({ start: at, end: at + needle.length, kind });
    from = at + needle.length;
  }
  return marks;
}

export function emphasisRuns(
  text: string,
  emphasis: readonly string[] = [],
  strongEmphasis: readonly string[] = [],
): TextRun[] {
  const marks = [...findMarks(text, strongEmphasis, 'strong'), ...findMarks(text, emphasis, 'em')]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    // Overlapping marks: the first (strong before em at the same place) wins.
    .filter((mark, i, all) =>
      all.slice(0, i).every((m) => m.end <= mark.start || m.start >= mark.end),
    );
  const runs: TextRun[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start > at) runs.push({ text: text.slice(at, mark.start), kind: 'plain' });
    runs.push({ text: text.slice(mark.start, mark.end), kind: mark.kind });
    at = mark.end;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), kind: 'plain' });
  return runs;
}
