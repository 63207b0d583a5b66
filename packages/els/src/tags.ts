/** Stage 2: recognise tags — whole tag lines, and the bracket groups inside a text line. */

import {
  CLOSE_BRACKET,
  COLON,
  Finder,
  OPEN_BRACKET,
  type Search,
  isSpace,
  skipSpace,
  trimEnd,
  trimSpan,
} from './text.js';
import type { Span } from './text.js';

/** Tags written alone: `[META]`, `[END_BEAT]`. */
export const BARE_TAGS = Object.freeze(['META', 'END_BEAT'] as const);
/** Tags with a value: `[NAME: value]`. */
export const VALUE_TAGS = Object.freeze([
  'BEAT',
  'CHARACTER',
  'DIRECTION',
  'PACE',
  'PAUSE',
  'STABILITY',
  'STYLE',
] as const);

export type BodyTagName = 'CHARACTER' | 'DIRECTION' | 'PACE' | 'PAUSE' | 'STABILITY' | 'STYLE';
export type TagName = (typeof BARE_TAGS)[number] | (typeof VALUE_TAGS)[number];

export const BODY_TAGS: readonly BodyTagName[] = VALUE_TAGS.filter((name) => name !== 'BEAT');

const TAG_NAMES: readonly TagName[] = [...BARE_TAGS, ...VALUE_TAGS];
const BARE = new Set<TagName>(BARE_TAGS);
const VALUED = new Set<TagName>(VALUE_TAGS);

export interface Tag extends Span {
  /** The known tag it names (by its first word), or null for an unknown tag. */
  name: TagName | null;
  /** Exactly `[META]`, `[END_BEAT]` or `[NAME: value]` with a non-empty value, and closed. */
  wellFormed: boolean;
  /** Ends with its `]` (an unclosed tag runs to the end of the line). */
  closed: boolean;
  hasColon: boolean;
  /** The trimmed value: after the colon, or after the first word when there is no colon. */
  value: Span;
}

/**
 * A tag to read into. A parse reads a tag on most lines and keeps none of them, so a scanner
 * reuses its own: a tag it returns is only valid until it reads the next.
 */
function newTag(): Tag {
  return {
    start: 0,
    end: 0,
    name: null,
    wellFormed: false,
    closed: false,
    hasColon: false,
    value: { start: 0, end: 0 },
  };
}

/** The tag named by `[start, end)`, compared ASCII case-insensitively without copying it. */
function knownName(text: string, start: number, end: number): TagName | null {
  const length = end - start;
  // Indexed rather than `for…of`, which runs an iterator until the engine has compiled it.
  next: for (let n = 0; n < TAG_NAMES.length; n++) {
    const name = TAG_NAMES[n] as TagName;
    if (name.length !== length) continue;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(start + i);
      // Lowercase ASCII letters to uppercase; `_` and everything else compare as they are.
      const upper = code >= 0x61 && code <= 0x7a ? code - 0x20 : code;
      if (upper !== name.charCodeAt(i)) continue next;
    }
    return name;
  }
  return null;
}

/** End of the word starting at `start`: white space, a colon or a bracket ends it. */
export function wordEnd(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === COLON || code === OPEN_BRACKET || code === CLOSE_BRACKET) break;
    i++;
  }
  return i;
}

/** Whether the unclosed `[` at `open` starts a known tag name (then it is a malformed tag). */
function opensKnownTag(text: string, open: number, end: number): boolean {
  const start = skipSpace(text, open + 1, end);
  return knownName(text, start, wordEnd(text, start, end)) !== null;
}

/**
 * Read into `tag` the tag between `open` (a `[`) and `close` (its `]`, or the end of the line
 * when `closed` is false; an unclosed tag is never well formed).
 */
function readTag(text: string, open: number, close: number, closed: boolean, tag: Tag): Tag {
  const first = skipSpace(text, open + 1, close);
  const firstEnd = wordEnd(text, first, close);
  let colon = firstEnd;
  while (colon < close && text.charCodeAt(colon) !== COLON) colon++;
  const hasColon = colon < close;
  const word = knownName(text, first, firstEnd);
  const valueStart = skipSpace(text, hasColon ? colon + 1 : firstEnd, close);
  const valueEnd = trimEnd(text, valueStart, close);
  let name = word;
  let wellFormed = false;
  if (hasColon) {
    const keyEnd = trimEnd(text, first, colon);
    const written = keyEnd === firstEnd ? word : knownName(text, first, keyEnd);
    if (written !== null && VALUED.has(written)) {
      name = written;
      wellFormed = closed && valueEnd > valueStart;
    }
  } else if (word !== null && BARE.has(word) && valueEnd === valueStart) wellFormed = closed;
  tag.start = open;
  tag.end = closed ? close + 1 : close;
  tag.name = name;
  tag.wellFormed = wellFormed;
  tag.closed = closed;
  tag.hasColon = hasColon;
  tag.value.start = valueStart;
  tag.value.end = valueEnd;
  return tag;
}

/**
 * The tag a tag line holds — a line that is one `[…]` group, or an unclosed `[` followed by a
 * known tag name (`[PACE: fast`) — or null when the line is a text line.
 */
export function readTagLine(text: string, start: number, end: number): Tag | null {
  return new TagScanner(text).tagLine(start, end);
}

/** A piece of a text line's markup: a tag or bracket group, or a lone `[` / `]`. */
export type InlineKind = 'tag' | 'stray';

const findOpen: Search = (text, from) => text.indexOf('[', from);
const findClose: Search = (text, from) => text.indexOf(']', from);

/**
 * Reads the tags of one source, line after line: whole tag lines, and the bracket groups of
 * text lines one at a time. Brackets are found natively, so most lines are passed over without
 * a loop.
 */
export class TagScanner {
  /** The latest tag line read. */
  private readonly lineTag = newTag();
  /** The latest group read in a text line, when it is a tag. */
  readonly tag = newTag();
  /** The offset of the latest lone bracket read in a text line. */
  stray = 0;
  private at = 0;
  private end = 0;
  /** The `[` waiting for its `]`, or -1. */
  private open = -1;
  private readonly opens: Finder;
  private readonly closes: Finder;

  constructor(private readonly text: string) {
    this.opens = new Finder(text, findOpen);
    this.closes = new Finder(text, findClose);
  }

  /** The tag that the line `[start, end)` holds (see `readTagLine`), or null. */
  tagLine(start: number, end: number): Tag | null {
    const { text } = this;
    if (text.charCodeAt(start) !== OPEN_BRACKET) return null;
    const open = this.opens.find(start + 1, end);
    const close = this.closes.find(start + 1, end);
    if (close >= 0 && (open < 0 || close < open)) {
      return close === end - 1 ? readTag(text, start, close, true, this.lineTag) : null;
    }
    if (open >= 0) return null;
    return opensKnownTag(text, start, end) ? readTag(text, start, end, false, this.lineTag) : null;
  }

  /** Scan the text line `[start, end)` from its first bracket. */
  line(start: number, end: number): void {
    const open = this.opens.find(start, end);
    const close = this.closes.find(start, end);
    this.at = open < 0 ? (close < 0 ? end : close) : close < 0 ? open : Math.min(open, close);
    this.end = end;
    this.open = -1;
  }

  /**
   * Read the line's next group, in order: a tag (in `tag`) or a lone bracket (at `stray`); null
   * at the end. An unclosed `[` followed by a known tag name is a malformed tag running to the
   * end of the line; any other lone bracket is stray.
   */
  next(): InlineKind | null {
    const { text, end } = this;
    while (this.at < end) {
      const i = this.at++;
      const code = text.charCodeAt(i);
      if (code === OPEN_BRACKET) {
        const open = this.open;
        this.open = i;
        if (open >= 0) return this.unclosed(open);
      } else if (code === CLOSE_BRACKET) {
        const open = this.open;
        this.open = -1;
        if (open >= 0) {
          readTag(text, open, i, true, this.tag);
          return 'tag';
        }
        this.stray = i;
        return 'stray';
      }
    }
    const open = this.open;
    this.open = -1;
    return open >= 0 ? this.unclosed(open) : null;
  }

  /** The unclosed `[` at `open`: a tag when it swallows the rest of the line, else stray. */
  private unclosed(open: number): InlineKind {
    if (opensKnownTag(this.text, open, this.end)) {
      readTag(this.text, open, this.end, false, this.tag);
      this.at = this.end;
      this.open = -1;
      return 'tag';
    }
    this.stray = open;
    return 'stray';
  }
}

/** The most characters (code points) inside an audio tag's brackets. */
export const MAX_AUDIO_TAG_LENGTH = 40;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
/** A letter of any script; a combining mark counts, as scripts such as Devanagari need them. */
const LETTER = /^[\p{L}\p{M}]$/u;

/**
 * The name of the audio tag (els-spec §11) that `tag` is, or null: a closed group without a
 * colon, not naming a known tag, holding 1–40 letters, spaces, `-` and `'`, at least one a
 * letter. The name is the inside trimmed, inner runs of white space made one space.
 */
export function audioTagName(text: string, tag: Tag): string | null {
  if (!tag.closed || tag.hasColon || tag.name !== null) return null;
  const end = tag.end - 1;
  let count = 0;
  let letters = false;
  let plain = true; // no white space to collapse other than single spaces
  for (let i = tag.start + 1; i < end; i++) {
    if (++count > MAX_AUDIO_TAG_LENGTH) return null;
    const code = text.charCodeAt(i);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) letters = true;
    else if (isSpace(code)) {
      if (code !== 0x20 || isSpace(text.charCodeAt(i + 1))) plain = false;
    } else if (code === HYPHEN || code === APOSTROPHE) continue;
    else if (code < 0x80) return null;
    else {
      const point = text.codePointAt(i) as number;
      if (!LETTER.test(String.fromCodePoint(point))) return null;
      if (point > 0xffff) i++;
      letters = true;
    }
  }
  if (!letters) return null;
  const inside = trimSpan(text, tag.start + 1, end);
  const name = text.slice(inside.start, inside.end);
  return plain ? name : name.split(/\s+/u).join(' ');
}
