/** The beats of a script as the editor shows them: the outline, the fold ranges, the next id. */

import type { ElsToken } from '@studio/els';

export interface OutlineBeat {
  id: string;
  name: string;
  /** Offset of the `[BEAT:` tag. */
  from: number;
  /** End of its `[END_BEAT]`, or where the next beat starts (or the source ends) when unclosed. */
  to: number;
  /** End of the `[BEAT: …]` tag: a folded beat keeps its header line visible. */
  headerEnd: number;
}

/** The beats of `source` in order, read from its tokens. */
export function outline(source: string, tokens: readonly ElsToken[]): OutlineBeat[] {
  const beats: OutlineBeat[] = [];
  let open: OutlineBeat | null = null;
  const close = (to: number) => {
    if (open) beats.push({ ...open, to });
    open = null;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as ElsToken;
    if (token.kind === 'tag' && token.tag === 'BEAT') {
      const value = tokens[i + 1];
      const id = value?.kind === 'beat-id' ? value : null;
      // The tag's closing piece follows its value.
      const end = id ? (tokens[i + 2]?.end ?? id.end) : token.end;
      close(token.start);
      open = { id: '', name: '', from: token.start, to: end, headerEnd: end };
      if (id) open.id = source.slice(id.start, id.end);
      i += id ? 2 : 0;
    } else if (token.kind === 'tag' && token.tag === 'END_BEAT') close(token.end);
    else if (token.kind === 'name-value' && open) open.name = source.slice(token.start, token.end);
  }
  close(source.length);
  return beats;
}

/** The id for a new beat after the last one: its leading number plus one, two digits at least. */
export function nextBeatNumber(beats: readonly Pick<OutlineBeat, 'id'>[]): string {
  let last = 0;
  for (const { id } of beats) {
    const digits = /^\d+/.exec(id);
    if (digits) last = Math.max(last, Number(digits[0]));
    else last += 1;
  }
  return String(last + 1).padStart(2, '0');
}
