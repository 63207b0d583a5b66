/** The ELS data model (els-spec.md §8). Shared by every consumer of the parser. */

export type Pace = 'slow' | 'deliberate' | 'normal' | 'quick' | 'fast' | 'chaos';

export type Severity = 'error' | 'warning';

export type ErrorCode =
  | 'meta/missing'
  | 'beat/missing-name'
  | 'beat/missing-separator'
  | 'beat/invalid-id'
  | 'beat/duplicate-id'
  | 'beat/unclosed'
  | 'beat/nested'
  | 'beat/unexpected-end'
  | 'beat/empty'
  | 'text/outside-beat'
  | 'tag/unknown'
  | 'tag/malformed'
  | 'tag/inline'
  | 'character/unknown'
  | 'character/missing'
  | 'pace/unknown'
  | 'pause/invalid'
  | 'pause/out-of-range'
  | 'setting/invalid'
  | 'line/too-long'
  | 'text/invalid-character'
  | 'text/tags-only';

export type WarningCode =
  | 'meta/unknown-key'
  | 'meta/missing-title'
  | 'meta/missing-project'
  | 'pause/dangling'
  | 'pause/duplicate'
  | 'emphasis/unmatched'
  | 'text/bracket'
  | 'script/large';

export type DiagnosticCode = ErrorCode | WarningCode;

/** Positions are 1-based; columns count UTF-16 code units; the end is exclusive. */
export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The id of the beat the problem is in (`01_hook`), when it is inside one. */
  beatKey?: string;
}

/** An audio tag (els-spec §11): a performance cue such as `[whispers]`, never spoken as text. */
export interface AudioTag {
  /** The inside of the brackets, trimmed, inner white space one space, case as written. */
  name: string;
  /** Offset in the line's `text` (UTF-16 code units) before which the tag stands. */
  at: number;
}

export interface Line {
  /** Spoken text: tags and emphasis markers removed, strong emphasis in capitals. */
  text: string;
  /** `text` with its audio tags put back as `[name]`, single-spaced; `text` itself when none. */
  taggedText: string;
  /** The line's audio tags, in order. Empty lists are shared and frozen: copy to change one. */
  audioTags: readonly AudioTag[];
  character: string;
  direction: string | null;
  pace: Pace;
  speed: number;
  pauseAfterMs: number;
  stability: number | null;
  style: number | null;
  emphasis: readonly string[];
  strongEmphasis: readonly string[];
  sourceLine: number;
}

export interface Segment {
  character: string;
  pace: Pace;
  speed: number;
  stability: number | null;
  style: number | null;
  /** Indexes into the beat's `lines`. */
  lines: number[];
  text: string;
  /** The lines' `taggedText` joined with single spaces. */
  taggedText: string;
}

export interface Beat {
  id: string;
  number: number;
  name: string;
  /** 1-based source line of the `[BEAT:` header. */
  line: number;
  lines: Line[];
  segments: Segment[];
  text: string;
  primaryCharacter: string;
  primaryDirection: string | null;
  primaryPace: Pace;
  /** The trailing pause: the pause after the beat's last line. */
  pauseAfterMs: number;
}

export interface Script {
  videoTitle: string | null;
  project: string | null;
  defaultCharacter: string | null;
  defaultPace: Pace;
  beats: Beat[];
}

export interface ParseOptions {
  /** Known character names; absent = any well-formed name is accepted. */
  characters?: string[];
  /** Used when META has no `default_character`. */
  defaultCharacter?: string;
}

export type ParseResult =
  | { ok: true; script: Script; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** What `parseWithTokens` returns: `parse`'s result and `tokenize`'s tokens, read in one pass. */
export interface ParseWithTokens {
  result: ParseResult;
  tokens: ElsToken[];
}

export interface ValidationResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  beatCount: number;
  /** Text lines per canonical character name. */
  characterLines: Record<string, number>;
}

/** What a piece of the source is, for an editor to colour (see `tokenize`). */
export type ElsTokenKind =
  /** A known tag, but for its value: `[PACE: ` and `]`, or all of `[END_BEAT]`. */
  | 'tag'
  /** A tag naming no known tag, but for its value. */
  | 'unknown-tag'
  /** The value of a tag other than BEAT, DIRECTION and PAUSE. */
  | 'tag-value'
  | 'beat-id'
  /** The text of a `[DIRECTION: …]`. */
  | 'direction'
  /** The value of a `[PAUSE: …]`, standalone or inline. */
  | 'pause'
  | 'meta-key'
  | 'meta-value'
  /** `name` of a beat's `name:` line, and its value. */
  | 'name-key'
  | 'name-value'
  /** A beat's `---` line. */
  | 'separator'
  /** `*words*` and `**words**`, markers included. */
  | 'emphasis'
  | 'strong'
  /** `[whispers]` in a text line (els-spec §11). */
  | 'audio-tag'
  /** Brackets left in the spoken text (`[1]`, a lone `[`): the `text/bracket` warning. */
  | 'bracket';

/** A piece of the source: offsets into it (UTF-16 code units, end exclusive). */
export interface ElsToken {
  kind: ElsTokenKind;
  start: number;
  end: number;
  /** For `tag`, `unknown-tag` and the value kinds: the tag's name as written, in capitals (`PACE`). */
  tag?: string;
}
