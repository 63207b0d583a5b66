/**
 * What the editor offers where the cursor is: tag names after `[`, paces, named pauses, the
 * studio's characters, META keys, and a whole beat numbered after the last one.
 */

import { snippetCompletion, type Completion } from '@codemirror/autocomplete';
import type { Text } from '@codemirror/state';
import { BARE_TAGS, META_KEYS, NAMED_PAUSES, PACES, PACE_SPEED, VALUE_TAGS } from '@studio/els';
import { nextBeatNumber, type OutlineBeat } from './structure.js';

export interface CompletionFacts {
  /** The studio's characters (canonical names) with a label to show beside each. */
  characters: readonly { name: string; detail: string }[];
  beats: readonly Pick<OutlineBeat, 'id'>[];
}

export interface CompletionList {
  /** Where the replaced word starts. */
  from: number;
  options: Completion[];
}

/** Completions at `pos` in `doc`, or null where there is nothing to offer. */
export function completionsAt(
  doc: Text,
  pos: number,
  facts: CompletionFacts,
): CompletionList | null {
  const line = doc.lineAt(pos);
  const before = line.text.slice(0, pos - line.from);
  const value = /\[\s*(PACE|PAUSE|CHARACTER)\s*:\s*([^\]:[]*)$/i.exec(before);
  if (value) {
    const word = value[2] ?? '';
    return {
      from: pos - word.length,
      options: valueOptions((value[1] ?? '').toUpperCase(), facts),
    };
  }
  const tag = /\[\s*([A-Za-z_]*)$/.exec(before);
  if (tag) {
    const word = tag[1] ?? '';
    const atStart = before.trimStart().startsWith('[') && before.trimStart().indexOf('[', 1) < 0;
    const closed = line.text
      .slice(pos - line.from)
      .trimStart()
      .startsWith(']');
    return { from: pos - word.length, options: tagOptions(atStart, closed, facts) };
  }
  if (!inMeta(doc, line.number)) return null;
  const metaValue = /^\s*(default_character|default_pace)\s*:\s*(\S*)$/i.exec(before);
  if (metaValue) {
    const word = metaValue[2] ?? '';
    const key = (metaValue[1] ?? '').toLowerCase() === 'default_pace' ? 'PACE' : 'CHARACTER';
    return { from: pos - word.length, options: valueOptions(key, facts) };
  }
  const key = /^\s*([A-Za-z_]*)$/.exec(before);
  if (key) {
    const word = key[1] ?? '';
    return {
      from: pos - word.length,
      options: META_KEYS.map((name) => ({ label: name, type: 'property', apply: `${name}: ` })),
    };
  }
  return null;
}

function valueOptions(tag: string, facts: CompletionFacts): Completion[] {
  if (tag === 'PACE') {
    return PACES.map((pace) => ({ label: pace, type: 'enum', detail: `×${PACE_SPEED[pace]}` }));
  }
  if (tag === 'PAUSE') {
    return Object.entries(NAMED_PAUSES).map(([name, ms]) => ({
      label: name,
      type: 'constant',
      detail: `${ms} ms`,
    }));
  }
  return facts.characters.map(({ name, detail }) => ({ label: name, type: 'variable', detail }));
}

/** Tag names after `[`: only PAUSE inside a text line; at a line's start, every tag and a beat. */
function tagOptions(atStart: boolean, closed: boolean, facts: CompletionFacts): Completion[] {
  const close = closed ? '' : ']';
  const valued = (name: string): Completion =>
    closed
      ? { label: name, type: 'keyword', apply: `${name}: ` }
      : snippetCompletion(`${name}: \${}]`, { label: name, type: 'keyword' });
  if (!atStart) return [valued('PAUSE')];
  const number = nextBeatNumber(facts.beats);
  return [
    snippetCompletion(
      `BEAT: ${number}_\${beat}${close}\nname: \${Name}\n---\n\${Text to say.}\n[END_BEAT]`,
      { label: `BEAT ${number}_…`, type: 'text', detail: 'a whole beat', boost: 1 },
    ),
    ...VALUE_TAGS.map(valued),
    ...BARE_TAGS.map((name) => ({ label: name, type: 'keyword', apply: `${name}${close}` })),
  ];
}

/** Whether line `number` is inside the [META] block: after `[META]`, before any other tag. */
function inMeta(doc: Text, number: number): boolean {
  let meta = false;
  for (let n = 1; n < number; n++) {
    const text = doc.line(n).text.trim();
    if (/^\[\s*META\s*\]$/i.test(text)) meta = true;
    else if (text.startsWith('[')) return false;
  }
  return meta;
}
