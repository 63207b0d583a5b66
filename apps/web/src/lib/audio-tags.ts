/**
 * A line's text runs with its audio tags (`[whispers]`, ELS 1.1) put back where they stand, so
 * the review screen shows each tag as a chip in the line — the parser keeps tags out of `text`
 * and lists them with the offset they stand before.
 */
import type { TextRun } from './emphasis.js';

export type LineRun = TextRun | { kind: 'tag'; text: string };

export function withAudioTags(
  runs: readonly TextRun[],
  tags: readonly { name: string; at: number }[],
): LineRun[] {
  const out: LineRun[] = [];
  let next = 0;
  let offset = 0;
  const tagsUpTo = (limit: number) => {
    while (next < tags.length && (tags[next]?.at ?? Infinity) <= limit) {
      out.push({ kind: 'tag', text: tags[next]?.name ?? '' });
      next++;
    }
  };
  for (const run of runs) {
    let at = 0;
    while (next < tags.length && (tags[next]?.at ?? Infinity) < offset + run.text.length) {
      const cut = Math.max(at, (tags[next]?.at ?? 0) - offset);
      if (cut > at) out.push({ kind: run.kind, text: run.text.slice(at, cut) });
      at = cut;
      tagsUpTo(offset + cut);
    }
    if (at < run.text.length) out.push({ kind: run.kind, text: run.text.slice(at) });
    offset += run.text.length;
  }
  tagsUpTo(Infinity);
  return out.filter((run) => run.kind === 'tag' || run.text !== '');
}
