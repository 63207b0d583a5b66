/** A line's text with its audio tags put back (els-spec §11): what a model that acts on them is sent. */

import type { AudioTag } from './types.js';

/** `a` and `b` joined by one space, either may be empty. */
function spaced(a: string, b: string): string {
  return a === '' ? b : b === '' ? a : `${a} ${b}`;
}

/**
 * `text` with each tag written as `[name]` before the offset it stands at, every tag set apart
 * from its neighbours by exactly one space; `text` itself when there are no tags.
 */
export function taggedText(text: string, tags: readonly AudioTag[]): string {
  if (tags.length === 0) return text;
  let out = '';
  let from = 0;
  for (const { name, at } of tags) {
    out = spaced(spaced(out, text.slice(from, at).trim()), `[${name}]`);
    from = at;
  }
  return spaced(out, text.slice(from).trim());
}
