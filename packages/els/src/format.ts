/** Canonical ELS text for a script, such that parsing it gives the same script back. */

import { readEmphasis } from './emphasis.js';
import { writeDecimal } from './numbers.js';
import { BEAT_PAUSE_MS, LINE_PAUSE_MS } from './pause.js';
import { readTagLine } from './tags.js';
import { STAR } from './text.js';
import type { Beat, Line, Script } from './types.js';

/**
 * Write `script` as canonical ELS: every META key that has a value, beats separated by a blank
 * line, a tag only where a setting changes, pauses in milliseconds at the end of their line.
 * ELS cannot clear a direction or a stability/style override within a beat, so a line that
 * drops one keeps the previous value.
 */
export function format(script: Script): string {
  const out = ['[META]'];
  if (script.videoTitle !== null) out.push(`video_title: ${script.videoTitle}`);
  if (script.project !== null) out.push(`project: ${script.project}`);
  if (script.defaultCharacter !== null) out.push(`default_character: ${script.defaultCharacter}`);
  out.push(`default_pace: ${script.defaultPace}`);
  for (const beat of script.beats) out.push('', ...formatBeat(script, beat));
  return `${out.join('\n')}\n`;
}

function formatBeat(script: Script, beat: Beat): string[] {
  const out = [`[BEAT: ${beat.id}]`, `name: ${beat.name}`, '---'];
  let character = script.defaultCharacter;
  let direction: string | null = null;
  let pace = script.defaultPace;
  let stability: number | null = null;
  let style: number | null = null;
  beat.lines.forEach((line, index) => {
    if (line.character !== character) out.push(`[CHARACTER: ${line.character}]`);
    if (line.direction !== null && line.direction !== direction) {
      out.push(`[DIRECTION: ${line.direction}]`);
    }
    if (line.pace !== pace) out.push(`[PACE: ${line.pace}]`);
    if (line.stability !== null && line.stability !== stability) {
      out.push(`[STABILITY: ${writeDecimal(line.stability)}]`);
    }
    if (line.style !== null && line.style !== style)
      out.push(`[STYLE: ${writeDecimal(line.style)}]`);
    character = line.character;
    direction = line.direction ?? direction;
    pace = line.pace;
    stability = line.stability ?? stability;
    style = line.style ?? style;

    const last = index === beat.lines.length - 1;
    // The beat's trailing pause is the pause after its last line.
    const pause = last ? beat.pauseAfterMs : line.pauseAfterMs;
    const text = withAudioTags(line, markup(line));
    // A line that is one bracket group would read as a tag line: a written pause keeps it text.
    const written =
      pause !== (last ? BEAT_PAUSE_MS : LINE_PAUSE_MS) ||
      readTagLine(text, 0, text.length) !== null;
    out.push(written ? `${text} [PAUSE: ${writeDecimal(pause)}ms]` : text);
  });
  out.push('[END_BEAT]');
  return out;
}

/**
 * The line's text with its emphasis markers put back. The next emphasis (weak or strong, in
 * order) goes at an occurrence of its words, earliest first, such that the markup so far reads
 * back as expected; a dead end backtracks. States are (emphases placed, position), so each is
 * tried once. Literal `*` left in the text thus never pair with the markers put back. Emphasis
 * that cannot be placed (a hand-built line whose words are not in its text) is dropped.
 */
function markup(line: Line): string {
  const { text, emphasis, strongEmphasis } = line;
  const dead = new Set<string>();
  const search = (out: string, from: number, weak: number, strong: number): string | null => {
    if (weak === emphasis.length && strong === strongEmphasis.length) {
      const full = out + text.slice(from);
      return readsBack(full, line, text.length, weak, strong) ? full : null;
    }
    const state = `${weak} ${strong} ${from}`;
    if (dead.has(state)) return null;
    const options = [
      ...occurrences(text, emphasis[weak], from).map((start) => ({ start, strong: false })),
      ...occurrences(text, strongEmphasis[strong]?.toUpperCase(), from).map((start) => ({
        start,
        strong: true,
      })),
    ].sort((a, b) => a.start - b.start);
    for (const option of options) {
      const words = (option.strong ? strongEmphasis[strong] : emphasis[weak]) as string;
      const marker = option.strong ? '**' : '*';
      const end = option.start + (option.strong ? words.toUpperCase() : words).length;
      const placed = out + text.slice(from, option.start) + marker + words + marker;
      const nextWeak = option.strong ? weak : weak + 1;
      const nextStrong = option.strong ? strong + 1 : strong;
      if (!readsBack(placed, line, end, nextWeak, nextStrong)) continue;
      const found = search(placed, end, nextWeak, nextStrong);
      if (found !== null) return found;
    }
    dead.add(state);
    return null;
  };
  return search('', 0, 0, 0) ?? text;
}

/**
 * `marked` (the line's text with its emphasis markers) with the line's audio tags put back where
 * parsing finds them again: outside the markers, set apart by a space where the text has one at
 * that place, at its start or at its end, and written tight to the words where it has none.
 */
function withAudioTags(line: Line, marked: string): string {
  const { text, audioTags } = line;
  if (audioTags.length === 0) return marked;
  // Which offset of the text each index of the markup reads back as.
  const reads = Array.from({ length: marked.length + 1 }, (_, index) => index);
  readEmphasis(marked, { offsets: reads });
  let out = '';
  let copied = 0;
  for (const { name, at } of audioTags) {
    let place = copied;
    while (place < marked.length && (reads[place] as number) < at) place++;
    // A closing marker belongs to the words before it: the tag goes after it.
    if (place > 0 && !/\s/u.test(marked.charAt(place - 1))) {
      while (marked.charCodeAt(place) === STAR && place < marked.length) place++;
    }
    out += marked.slice(copied, place);
    copied = place;
    if (at >= text.length && text !== '') out += ` [${name}]`;
    else if (at === 0 || text.charAt(at - 1) === ' ') out += `[${name}] `;
    else out += `[${name}]`;
  }
  return out + marked.slice(copied);
}

/** Where `words` occur in `text` from `from` on (none when there are no words to place). */
function occurrences(text: string, words: string | undefined, from: number): number[] {
  const found: number[] = [];
  if (!words) return found;
  for (let at = text.indexOf(words, from); at >= 0; at = text.indexOf(words, at + 1))
    found.push(at);
  return found;
}

/** Whether `markup` reads back as the line's text up to `end`, with its first emphases. */
function readsBack(markup: string, line: Line, end: number, weak: number, strong: number): boolean {
  const back = readEmphasis(markup);
  return (
    back.text === line.text.slice(0, end) &&
    sameWords(back.emphasis, line.emphasis, weak) &&
    sameWords(back.strongEmphasis, line.strongEmphasis, strong)
  );
}

/** Whether `read` holds exactly the first `count` entries of `expected`. */
function sameWords(read: readonly string[], expected: readonly string[], count: number): boolean {
  return read.length === count && read.every((words, index) => words === expected[index]);
}
