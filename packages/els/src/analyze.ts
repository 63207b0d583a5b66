/**
 * Stage 3: build the script from the source's lines in one pass. Every problem goes to one
 * diagnostics list with its source range; nothing throws and nothing is dropped silently.
 */

import { MAX_BEAT_ID_LENGTH, isValidBeatId, leadingNumber } from './beat-id.js';
import { CharacterResolver, canonicalCharacterName } from './characters.js';
import { DiagnosticList } from './diagnostics.js';
import { EmphasisReader } from './emphasis.js';
import { Normalizer } from './normalize.js';
import { readDecimal } from './numbers.js';
import { PACES, PACE_SPEED, readPace } from './pace.js';
import { BEAT_PAUSE_MS, LINE_PAUSE_MS, MAX_PAUSE_MS, PAUSE_CHOICES, readPause } from './pause.js';
import type { PauseReading } from './pause.js';
import { groupSegments, joinText } from './segments.js';
import { SourceLines } from './source.js';
import { BODY_TAGS, TagScanner, audioTagName, wordEnd } from './tags.js';
import { taggedText } from './tagged-text.js';
import type { BodyTagName, Tag, TagName } from './tags.js';
import { quote, readKeyValue, skipSpace, trimEnd } from './text.js';
import type { Span } from './text.js';
import type {
  AudioTag,
  Beat,
  Diagnostic,
  DiagnosticCode,
  ElsToken,
  ElsTokenKind,
  Line,
  Pace,
  ParseOptions,
  Script,
} from './types.js';

const MAX_LINE_LENGTH = 500;
const LARGE_SCRIPT_BEATS = 50;
/**
 * NUL, and a UTF-16 surrogate without its pair (no UTF-8 text holds one; a JSON `\ud800` can):
 * no database or file name can store them, and they would reach the voice as noise.
 */
const INVALID_CHARACTER =
  /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** The keys a [META] block takes (els-spec §2). */
export const META_KEYS = Object.freeze([
  'video_title',
  'project',
  'default_character',
  'default_pace',
] as const);
const META_KEY_LIST = META_KEYS.join(', ');
const TAG_LIST = `META, BEAT, END_BEAT, ${BODY_TAGS.join(', ')}`;
const BODY_TAG_LIST = BODY_TAGS.join(', ');
/** The token kind of a tag's value, by the tag's name; `tag-value` for the rest. */
const VALUE_KIND: Readonly<Record<string, ElsTokenKind>> = {
  BEAT: 'beat-id',
  DIRECTION: 'direction',
  PAUSE: 'pause',
};
const AUDIO_TAG_HINT =
  'For an audio tag, put the audio tag at the start of the text line it belongs to: "[whispers] Okay boomer."';

export interface Analysis {
  diagnostics: Diagnostic[];
  hasErrors: boolean;
  /** Complete only when there are no errors; without beats when the caller wants none. */
  script: Script;
  beatCount: number;
  characterLines: Record<string, number>;
  /** The source's tokens when the caller asked for them, else null. */
  tokens: ElsToken[] | null;
}

/**
 * Analyse `source`; the public `parse`, `validate`, `tokenize` and `parseWithTokens` are views
 * of this. With `build` false the script is checked but not built (no lines, segments or beats
 * kept): what `validate` needs, at a fraction of the memory and garbage collection. With
 * `withTokens` the same pass also collects the tokens of `source`, sorted by offset, never
 * overlapping: it decides what is a tag, a header line, an audio tag or emphasis, so an editor
 * colours exactly what the parser sees.
 */
export function analyze(
  source: string,
  options: ParseOptions,
  build = true,
  withTokens = false,
): Analysis {
  return new Analyzer(source, options, withTokens ? [] : null, build).run();
}

/** Where the reader is outside a beat. */
type Place = 'start' | 'meta' | 'outside';

interface OpenBeat {
  id: string;
  number: number;
  name: string;
  line: number;
  /** The `[BEAT:` line, where header and whole-beat problems are reported. */
  header: Span;
  stage: 'name' | 'separator' | 'body';
  /** Its text lines so far; built in the analyser's `lines` unless the script is only checked. */
  lineCount: number;
  /**
   * The latest text line's source line, and whether its pause was written: a second one is
   * reported, and a written last pause is kept as the beat's trailing pause.
   */
  lastSourceLine: number;
  lastPauseWritten: boolean;
  character: string | null;
  direction: string | null;
  pace: Pace;
  /** The pace's speed, looked up once per [PACE] rather than once per line. */
  speed: number;
  stability: number | null;
  style: number | null;
}

interface WrittenPause {
  ms: number;
  tag: Span;
}

/** An audio tag cut out of a text line, before its place in the spoken text is known. */
interface AudioCut {
  name: string;
  /** Which cut between the pieces of its part it is (0 = after the first piece), or AT_START. */
  cut: number;
  /** Where the tag is written. */
  start: number;
  end: number;
}

/** The cut of an audio tag carried over from a part without words: the start of the next. */
const AT_START = -1;

/** Shared by the many parts and lines without audio tags, to spare allocations per line. */
const NO_AUDIO: readonly AudioCut[] = Object.freeze([]);
const NO_AUDIO_TAGS: readonly AudioTag[] = Object.freeze([]);

class Analyzer {
  private readonly diagnostics = new DiagnosticList();
  private readonly characters: CharacterResolver;
  /** The caller's default speaker, used when META has none. */
  private readonly fallbackCharacter: string | null;
  private place: Place = 'start';
  private lineNumber = 0;
  /** The current line, trimmed. */
  private lineStart = 0;
  private lineEnd = 0;
  private firstLine: Span | null = null;
  private metaTag: Span | null = null;
  private videoTitle: string | null = null;
  private project: string | null = null;
  private defaultCharacter: string | null = null;
  private defaultPace: Pace = 'normal';
  private readonly beats: Beat[] = [];
  private beatCount = 0;
  /** Text lines per canonical character. */
  private readonly characterLines = new Map<string, number>();
  private beat: OpenBeat | null = null;
  /**
   * The open beat's lines, from index 0 to its `lineCount`: one list for every beat, copied to
   * size when the beat closes, rather than one grown for each.
   */
  private readonly lines: Line[] = [];
  /** Lowercased beat id → line of its first use. */
  private readonly beatKeys = new Map<string, number>();
  private speakerMissing = false;
  /** Readings of pause and setting values, by value: a script writes the same few again and again. */
  private readonly pauses = new Map<string, PauseReading>();
  private readonly settings = new Map<string, number | null>();
  private readonly normalizer: Normalizer;
  private readonly emphasis = new EmphasisReader();
  private readonly tags: TagScanner;

  constructor(
    private readonly text: string,
    options: ParseOptions,
    /** Where tokens go when a caller wants them; null otherwise. */
    private readonly tokens: ElsToken[] | null,
    /** Whether to build the script, or only check it. */
    private readonly build: boolean,
  ) {
    this.tags = new TagScanner(text);
    this.normalizer = new Normalizer(text);
    this.characters = new CharacterResolver(options.characters);
    const fallback = options.defaultCharacter?.trim();
    this.fallbackCharacter = fallback
      ? (this.characters.resolve(fallback) ?? canonicalCharacterName(fallback))
      : null;
  }

  run(): Analysis {
    const lines = new SourceLines(this.text);
    const invalid = [...this.text.matchAll(INVALID_CHARACTER)].map((match) => match.index);
    let nextInvalid = 0;
    while (lines.next()) {
      this.lineNumber++;
      for (; (invalid[nextInvalid] ?? Infinity) < lines.end; nextInvalid++) {
        this.invalidCharacter(invalid[nextInvalid] as number);
      }
      const start = skipSpace(this.text, lines.start, lines.end);
      if (start < lines.end) {
        this.lineStart = start;
        this.lineEnd = trimEnd(this.text, start, lines.end);
        this.line();
      }
    }
    this.finish(lines.first);
    return {
      diagnostics: this.diagnostics.resolve(this.text),
      hasErrors: this.diagnostics.hasErrors,
      script: {
        videoTitle: this.videoTitle,
        project: this.project,
        defaultCharacter: this.defaultCharacter ?? this.fallbackCharacter,
        defaultPace: this.defaultPace,
        beats: this.beats,
      },
      beatCount: this.beatCount,
      characterLines: Object.fromEntries(this.characterLines),
      tokens: this.tokens?.sort((a, b) => a.start - b.start) ?? null,
    };
  }

  private invalidCharacter(offset: number): void {
    const code = this.text.charCodeAt(offset);
    const what = code === 0 ? 'A NUL character' : 'A lone UTF-16 surrogate';
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    this.report(
      'text/invalid-character',
      `${what} (U+${hex}) is not text: delete it (it often comes from a copy out of a binary file).`,
      { start: offset, end: offset + 1 },
    );
  }

  private report(code: DiagnosticCode, message: string, span: Span): void {
    this.diagnostics.add(code, message, span, this.beat?.id);
  }

  private token(kind: ElsTokenKind, start: number, end: number, tag?: string): void {
    if (this.tokens === null || end <= start) return;
    this.tokens.push(tag === undefined ? { kind, start, end } : { kind, start, end, tag });
  }

  /** A tag: its value apart (when it has one after a colon), the rest as the tag. */
  private tagTokens(tag: Tag): void {
    if (this.tokens === null) return;
    const first = skipSpace(this.text, tag.start + 1, tag.end);
    const written = this.text.slice(first, wordEnd(this.text, first, tag.end)).toUpperCase();
    const name = tag.name ?? written;
    const kind = tag.name === null ? 'unknown-tag' : 'tag';
    const { value } = tag;
    if (!tag.hasColon || value.start === value.end) {
      this.token(kind, tag.start, tag.end, name);
      return;
    }
    this.token(kind, tag.start, value.start, name);
    this.token(VALUE_KIND[name] ?? 'tag-value', value.start, value.end, name);
    this.token(kind, value.end, tag.end, name);
  }

  private excerpt(span: Span): string {
    return quote(this.text.slice(span.start, span.end));
  }

  /** The current line, for a report: allocated only then. */
  private currentLine(): Span {
    return { start: this.lineStart, end: this.lineEnd };
  }

  /** The current line: not blank, trimmed. */
  private line(): void {
    this.firstLine ??= this.currentLine();
    const tag = this.tags.tagLine(this.lineStart, this.lineEnd);
    const beat = this.beat;
    if (beat !== null) {
      if (beat.stage !== 'body' && this.header(beat, tag)) return;
      if (tag === null) return this.textLine(beat);
    } else if (this.place === 'meta') {
      if (tag === null && this.metaKey()) return;
      this.place = 'outside';
    }
    if (tag !== null) this.tagLine(tag);
    else {
      this.report(
        'text/outside-beat',
        'Text outside any beat is never voiced: move it between [BEAT: …] and [END_BEAT], or delete it.',
        this.currentLine(),
      );
    }
  }

  /** The current line as a `key: value` line of the [META] block; false when it is not one. */
  private metaKey(): boolean {
    const pair = readKeyValue(this.text, this.lineStart, this.lineEnd);
    if (pair === null) return false;
    const { key, value, valueSpan } = pair;
    this.token('meta-key', pair.keySpan.start, pair.keySpan.end);
    this.token('meta-value', valueSpan.start, valueSpan.end);
    switch (key) {
      case 'video_title':
        this.videoTitle = value || null;
        break;
      case 'project':
        this.project = value || null;
        break;
      case 'default_character':
        if (value)
          this.defaultCharacter = this.character(value, valueSpan) ?? this.defaultCharacter;
        break;
      case 'default_pace':
        if (value) this.defaultPace = this.pace(value, valueSpan) ?? this.defaultPace;
        break;
      default:
        this.report(
          'meta/unknown-key',
          `Unknown [META] key ${quote(key)}, ignored: the keys are ${META_KEY_LIST}.`,
          pair.keySpan.start < pair.keySpan.end ? pair.keySpan : this.currentLine(),
        );
    }
    return true;
  }

  /** The `name:` and `---` lines after `[BEAT:`; true when the current line was one of them. */
  private header(beat: OpenBeat, tag: Tag | null): boolean {
    const start = this.lineStart;
    const end = this.lineEnd;
    if (beat.stage === 'name') {
      const pair = tag === null ? readKeyValue(this.text, start, end) : null;
      if (pair?.key === 'name') {
        this.token('name-key', pair.keySpan.start, pair.keySpan.end);
        this.token('name-value', pair.valueSpan.start, pair.valueSpan.end);
        beat.name = pair.value;
        beat.stage = 'separator';
        if (!pair.value) {
          this.report(
            'beat/missing-name',
            'The beat name is empty: write it after "name:".',
            this.currentLine(),
          );
        }
        return true;
      }
      this.missingName(beat);
    }
    beat.stage = 'body';
    if (tag === null && end - start === 3 && this.text.startsWith('---', start)) {
      this.token('separator', start, end);
      return true;
    }
    this.missingSeparator(beat);
    return false;
  }

  private missingName(beat: OpenBeat): void {
    this.report(
      'beat/missing-name',
      `Beat ${quote(beat.id)} has no "name:" line: write "name: …" on the line after its [BEAT: …].`,
      beat.header,
    );
  }

  private missingSeparator(beat: OpenBeat): void {
    this.report(
      'beat/missing-separator',
      `Beat ${quote(beat.id)} has no "---" line: write "---" between its name and its first line.`,
      beat.header,
    );
  }

  private tagLine(tag: Tag): void {
    this.tagTokens(tag);
    const { name } = tag;
    if (name === null) {
      const choices = this.beat ? `a beat body takes ${BODY_TAG_LIST}` : `the tags are ${TAG_LIST}`;
      const alone = tag.hasColon ? '' : ' (alone on its line, brackets are read as a tag)';
      const audio =
        this.beat !== null && audioTagName(this.text, tag) !== null ? ` ${AUDIO_TAG_HINT}` : '';
      this.report(
        'tag/unknown',
        `Unknown tag ${this.excerpt(tag)}${alone}: ${choices}.${audio}`,
        tag,
      );
      return;
    }
    // `[BEAT:]` is an empty beat id, reported as such by openBeat.
    if (!tag.wellFormed && !(name === 'BEAT' && isEmptyValue(tag))) {
      this.report('tag/malformed', this.malformed(name, tag), tag);
    }
    // A malformed META, BEAT or END_BEAT still acts as one, so a typo does not cascade.
    if (name === 'META') this.metaTagLine(tag);
    else if (name === 'BEAT') this.openBeat(tag);
    else if (name === 'END_BEAT') this.endBeat(tag);
    else if (!tag.wellFormed) return;
    else if (this.beat !== null) this.bodyTag(this.beat, name, tag);
    else {
      this.report(
        'text/outside-beat',
        `[${name}] outside any beat applies to nothing: move it into a beat body, or delete it.`,
        tag,
      );
    }
  }

  private malformed(name: TagName, tag: Span): string {
    const form = name === 'META' || name === 'END_BEAT' ? `[${name}]` : `[${name}: value]`;
    return `Malformed tag ${this.excerpt(tag)}: write ${form}, closed by "]".`;
  }

  private metaTagLine(tag: Tag): void {
    if (this.place === 'start') {
      this.place = 'meta';
      this.metaTag = { start: tag.start, end: tag.end };
    } else if (!tag.wellFormed) return;
    else if (this.beat !== null) {
      this.report(
        'tag/unknown',
        `[META] is not a body tag: a beat body takes ${BODY_TAG_LIST}.`,
        tag,
      );
    } else {
      this.report(
        'text/outside-beat',
        '[META] must be the first block of the script, before any beat: this one is ignored.',
        tag,
      );
    }
  }

  private openBeat(tag: Tag): void {
    const previous = this.beat;
    if (previous !== null) {
      this.report(
        'beat/nested',
        `[BEAT: …] before the [END_BEAT] of beat ${quote(previous.id)}: close that beat first.`,
        tag,
      );
      this.closeBeat(previous);
    }
    this.place = 'outside';
    const id = this.text.slice(tag.value.start, tag.value.end);
    const position = this.beatCount + 1;
    this.beat = {
      id,
      number: leadingNumber(id) ?? position,
      name: '',
      line: this.lineNumber,
      header: { start: tag.start, end: tag.end },
      stage: 'name',
      lineCount: 0,
      lastSourceLine: 0,
      lastPauseWritten: false,
      character: this.defaultCharacter ?? this.fallbackCharacter,
      direction: null,
      pace: this.defaultPace,
      speed: PACE_SPEED[this.defaultPace],
      stability: null,
      style: null,
    };
    if (tag.wellFormed || isEmptyValue(tag)) this.checkBeatId(id, tag);
    if (position === LARGE_SCRIPT_BEATS + 1) {
      this.report(
        'script/large',
        `Large script: more than ${LARGE_SCRIPT_BEATS} beats, generation may take a while.`,
        tag,
      );
    }
  }

  private checkBeatId(id: string, tag: Tag): void {
    if (!isValidBeatId(id)) {
      this.report(
        'beat/invalid-id',
        `Invalid beat id ${quote(id)}: use 1 to ${MAX_BEAT_ID_LENGTH} letters, digits, "_" or "-", starting with a letter or digit (it becomes the audio file name).`,
        id ? tag.value : tag,
      );
      return;
    }
    const key = id.toLowerCase();
    const first = this.beatKeys.get(key);
    if (first === undefined) this.beatKeys.set(key, this.lineNumber);
    else {
      this.report(
        'beat/duplicate-id',
        `Beat id ${quote(id)} is already used on line ${first} (ids compare case-insensitively): choose another.`,
        tag.value,
      );
    }
  }

  private endBeat(tag: Tag): void {
    if (this.beat !== null) this.closeBeat(this.beat);
    else if (tag.wellFormed) {
      this.report('beat/unexpected-end', '[END_BEAT] without an open beat: delete it.', tag);
    }
  }

  private closeBeat(beat: OpenBeat): void {
    this.beat = null;
    this.beatCount++;
    if (beat.lineCount === 0) {
      this.report(
        'beat/empty',
        `Beat ${quote(beat.id)} has no text lines: write what is said, or delete the beat.`,
        beat.header,
      );
    }
    if (!this.build) return;
    // An exact-size copy, as the script is kept.
    const lines = this.lines.slice(0, beat.lineCount);
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (last !== undefined && !beat.lastPauseWritten) last.pauseAfterMs = BEAT_PAUSE_MS;
    const segments = groupSegments(lines);
    this.beats.push({
      id: beat.id,
      number: beat.number,
      name: beat.name,
      line: beat.line,
      lines,
      segments,
      text: joinText(segments),
      primaryCharacter: first?.character ?? beat.character ?? '',
      primaryDirection: firstDirection(lines),
      primaryPace: first?.pace ?? beat.pace,
      pauseAfterMs: last?.pauseAfterMs ?? BEAT_PAUSE_MS,
    });
  }

  private bodyTag(beat: OpenBeat, name: BodyTagName, tag: Tag): void {
    const value = this.text.slice(tag.value.start, tag.value.end);
    switch (name) {
      case 'CHARACTER':
        beat.character = this.character(value, tag.value) ?? beat.character;
        break;
      case 'DIRECTION':
        beat.direction = value;
        break;
      case 'PACE':
        beat.pace = this.pace(value, tag.value) ?? beat.pace;
        beat.speed = PACE_SPEED[beat.pace];
        break;
      case 'PAUSE': {
        const ms = this.pause(value, tag.value);
        if (ms !== null) this.pauseAfter(beat, { ms, tag });
        break;
      }
      case 'STABILITY':
        beat.stability = this.setting(name, value, tag.value) ?? beat.stability;
        break;
      case 'STYLE':
        beat.style = this.setting(name, value, tag.value) ?? beat.style;
        break;
    }
  }

  private character(value: string, span: Span): string | null {
    const character = this.characters.resolve(value);
    if (character === null) this.report('character/unknown', this.characters.problem(value), span);
    return character;
  }

  private pace(value: string, span: Span): Pace | null {
    const pace = readPace(value);
    if (pace === null) {
      this.report(
        'pace/unknown',
        `Unknown pace ${quote(value)}: use one of ${PACES.join(', ')}.`,
        span,
      );
    }
    return pace;
  }

  private pause(value: string, span: Span): number | null {
    const reading = remembered(this.pauses, value, readPause);
    if (reading.ok) return reading.ms;
    if (reading.code === 'pause/invalid') {
      this.report(
        'pause/invalid',
        `Cannot read pause ${quote(value)}: use ${PAUSE_CHOICES}.`,
        span,
      );
    } else {
      this.report(
        'pause/out-of-range',
        `Pause ${quote(value)} is ${reading.ms} ms: a pause runs from 0 to ${MAX_PAUSE_MS} ms.`,
        span,
      );
    }
    return null;
  }

  private setting(name: 'STABILITY' | 'STYLE', value: string, span: Span): number | null {
    const number = remembered(this.settings, value, readDecimal);
    if (number !== null && number >= 0 && number <= 1) return number;
    this.report(
      'setting/invalid',
      `${name} must be a number from 0 to 1, not ${quote(value)}.`,
      span,
    );
    return null;
  }

  /** A pause that follows the beat's latest text line. */
  private pauseAfter(beat: OpenBeat, pause: WrittenPause): void {
    if (beat.lineCount === 0) {
      this.report(
        'pause/dangling',
        'Pause before the first text line of the beat: there is nothing to pause after, so it is ignored.',
        pause.tag,
      );
      return;
    }
    if (beat.lastPauseWritten) {
      this.report(
        'pause/duplicate',
        `Second pause after the same line (line ${beat.lastSourceLine}): this one, ${pause.ms} ms, replaces the first.`,
        pause.tag,
      );
    }
    if (this.build) (this.lines[beat.lineCount - 1] as Line).pauseAfterMs = pause.ms;
    beat.lastPauseWritten = true;
  }

  /**
   * The current line as a text line of a beat body: its inline tags, then one beat line per part
   * between pauses. Audio tags and every other tag are cut out of the spoken text. The audio
   * tags of a part without words stand at the start of the next part; with none left, they are
   * an error.
   */
  private textLine(beat: OpenBeat): void {
    const { tags, normalizer } = this;
    tags.line(this.lineStart, this.lineEnd);
    normalizer.clear();
    let kind = tags.next();
    // Most lines hold no bracket: one part, whose length counts no joining space.
    if (kind === null) {
      normalizer.add(this.lineStart, this.lineEnd);
      this.checkLength(this.textPart(beat, NO_AUDIO, null) - 1);
      return;
    }
    let audio: AudioCut[] | null = null;
    let from = this.lineStart;
    let spoken = -1; // each part adds its length and a joining space, one too many
    for (; kind !== null; kind = tags.next()) {
      if (kind === 'stray') {
        this.bracket({ start: tags.stray, end: tags.stray + 1 });
        continue;
      }
      const { tag } = tags;
      if (tag.name === null && !tag.hasColon) {
        const name = audioTagName(this.text, tag);
        if (name === null) {
          this.bracket(tag);
          continue;
        }
        this.token('audio-tag', tag.start, tag.end);
        normalizer.add(from, tag.start);
        from = tag.end;
        const cut = normalizer.pieceCount - 1;
        (audio ??= []).push({ name, cut, start: tag.start, end: tag.end });
        continue;
      }
      // Any other tag is markup: it leaves the spoken text whether or not it is valid.
      this.tagTokens(tag);
      normalizer.add(from, tag.start);
      from = tag.end;
      if (tag.name === null) {
        this.report(
          'tag/unknown',
          `Unknown tag ${this.excerpt(tag)}: only [PAUSE: …] may be inside a text line.`,
          tag,
        );
      } else if (!tag.wellFormed) this.report('tag/malformed', this.malformed(tag.name, tag), tag);
      else if (tag.name !== 'PAUSE') {
        this.report(
          'tag/inline',
          `[${tag.name}] cannot be inside a text line: put it on its own line (only [PAUSE: …] may be inline).`,
          tag,
        );
      } else {
        const ms = this.pause(this.text.slice(tag.value.start, tag.value.end), tag.value);
        if (ms === null) continue;
        const added = this.textPart(beat, audio ?? NO_AUDIO, { ms, tag });
        spoken += added;
        normalizer.clear();
        audio = added === 0 && audio !== null ? audio.map(atStart) : null;
      }
    }
    normalizer.add(from, this.lineEnd);
    const added = this.textPart(beat, audio ?? NO_AUDIO, null);
    this.checkLength(spoken + added);
    if (added === 0 && audio !== null) {
      this.report('text/tags-only', `Audio tags without words after them. ${AUDIO_TAG_HINT}`, {
        start: (audio[0] as AudioCut).start,
        end: (audio[audio.length - 1] as AudioCut).end,
      });
    }
  }

  /** `spoken` is the length of the current line's spoken text, all its parts joined. */
  private checkLength(spoken: number): void {
    if (spoken > MAX_LINE_LENGTH) {
      this.report(
        'line/too-long',
        `Text line of ${spoken} characters once markup is removed; the limit is ${MAX_LINE_LENGTH}: split it into several lines.`,
        this.currentLine(),
      );
    }
  }

  private bracket(span: Span): void {
    this.token('bracket', span.start, span.end);
    this.report(
      'text/bracket',
      `${this.excerpt(span)} stays in the spoken text, and some voices read brackets aloud: delete it, or use [DIRECTION: …].`,
      span,
    );
  }

  /**
   * One part of the current line (the normaliser's pieces, tags cut out, `audio` among them)
   * followed by `pause`. Returns the length it adds to the line's spoken text, counting the
   * space that joins parts.
   */
  private textPart(beat: OpenBeat, audio: readonly AudioCut[], pause: WrittenPause | null): number {
    const cuts: number[] | undefined = audio.length > 0 ? [] : undefined;
    const { normalizer } = this;
    const text = normalizer.normalize(cuts);
    if (text === '') {
      if (pause !== null) this.pauseAfter(beat, pause);
      return 0;
    }
    const offsets = cuts && audio.map(({ cut }) => (cut === AT_START ? 0 : (cuts[cut] as number)));
    const marks: number[] | undefined = this.tokens === null ? undefined : [];
    const marked = this.emphasis.read(text, offsets || marks ? { offsets, marks } : undefined);
    if (marks !== undefined) this.emphasisTokens(marks);
    const { unmatched } = marked;
    for (let u = 0; u < unmatched.length; u += 2) {
      this.report(
        'emphasis/unmatched',
        'Unmatched "*" stays in the spoken text: close the emphasis (*word* or **word**), or delete it.',
        {
          start: normalizer.sourceOffset(unmatched[u] as number),
          end: normalizer.sourceOffset((unmatched[u + 1] as number) - 1) + 1,
        },
      );
    }
    let character = beat.character;
    if (character === null) {
      if (!this.speakerMissing) {
        this.report(
          'character/missing',
          'No speaker for this line: add default_character to [META] or a [CHARACTER: …] line before it.',
          this.currentLine(),
        );
      }
      this.speakerMissing = true;
      character = '';
    }
    beat.lineCount++;
    beat.lastSourceLine = this.lineNumber;
    beat.lastPauseWritten = pause !== null;
    if (character !== '') {
      this.characterLines.set(character, (this.characterLines.get(character) ?? 0) + 1);
    }
    if (!this.build) return marked.text.length + 1;
    const audioTags: readonly AudioTag[] = offsets
      ? audio.map(({ name }, index) => ({ name, at: offsets[index] as number }))
      : NO_AUDIO_TAGS;
    this.lines[beat.lineCount - 1] = {
      text: marked.text,
      taggedText: taggedText(marked.text, audioTags),
      audioTags,
      character,
      direction: beat.direction,
      pace: beat.pace,
      speed: beat.speed,
      pauseAfterMs: pause?.ms ?? LINE_PAUSE_MS,
      stability: beat.stability,
      style: beat.style,
      emphasis: marked.emphasis,
      strongEmphasis: marked.strongEmphasis,
      sourceLine: this.lineNumber,
    };
    return marked.text.length + 1;
  }

  /**
   * Emphasis `marks` of the latest normalised part as source tokens, cut around the tags between
   * the part's pieces, so that tokens never overlap.
   */
  private emphasisTokens(marks: number[]): void {
    const { normalizer } = this;
    for (let m = 0; m < marks.length; m += 3) {
      const kind = marks[m + 2] === 1 ? 'strong' : 'emphasis';
      const start = normalizer.sourceOffset(marks[m] as number);
      const end = normalizer.sourceOffset((marks[m + 1] as number) - 1) + 1;
      for (let piece = 0; piece < normalizer.pieceCount; piece++) {
        this.token(
          kind,
          Math.max(start, normalizer.pieceStart(piece)),
          Math.min(end, normalizer.pieceEnd(piece)),
        );
      }
    }
  }

  private finish(inputStart: number): void {
    const beat = this.beat;
    if (beat !== null) {
      if (beat.stage === 'name') this.missingName(beat);
      if (beat.stage !== 'body') this.missingSeparator(beat);
      this.report(
        'beat/unclosed',
        `Beat ${quote(beat.id)} is not closed: add [END_BEAT] after its last line.`,
        beat.header,
      );
      this.closeBeat(beat);
    }
    const top = this.firstLine ?? { start: inputStart, end: inputStart };
    if (this.metaTag === null) {
      this.report(
        'meta/missing',
        `The script has no [META] block: start it with [META] and the keys ${META_KEY_LIST}.`,
        top,
      );
    } else {
      if (this.videoTitle === null) {
        this.report(
          'meta/missing-title',
          'No video_title in [META]: add "video_title: …".',
          this.metaTag,
        );
      }
      if (this.project === null) {
        this.report(
          'meta/missing-project',
          'No project in [META]: add "project: …".',
          this.metaTag,
        );
      }
    }
    if (this.beatCount === 0) {
      this.report(
        'beat/empty',
        'The script has no beats: add one with [BEAT: 01_intro], "name: …", "---", its lines and [END_BEAT].',
        this.metaTag ?? top,
      );
    }
  }
}

/** The first direction any of `lines` has, or null. */
function firstDirection(lines: readonly Line[]): string | null {
  for (let index = 0; index < lines.length; index++) {
    const { direction } = lines[index] as Line;
    if (direction !== null) return direction;
  }
  return null;
}

/** `read(value)`, kept in `readings` to be read once. */
function remembered<T>(readings: Map<string, T>, value: string, read: (value: string) => T): T {
  let reading = readings.get(value);
  if (reading === undefined) {
    reading = read(value);
    readings.set(value, reading);
  }
  return reading;
}

/** An audio cut carried over to the start of the next part. */
function atStart(cut: AudioCut): AudioCut {
  return { ...cut, cut: AT_START };
}

/** `[NAME:]`: well formed but for its missing value. */
function isEmptyValue(tag: Tag): boolean {
  return tag.closed && tag.hasColon && tag.value.start === tag.value.end;
}
