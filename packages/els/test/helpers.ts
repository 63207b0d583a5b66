import { parse, validate } from '../src/index.js';
import type { Beat, DiagnosticCode, ParseOptions, Script } from '../src/index.js';

export const CHARACTERS = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];

/** Lines joined with `\n`. */
export function els(...lines: string[]): string {
  return lines.join('\n');
}

/** The META block every `script()` starts with: 5 lines, the blank one included. */
export const META = [
  '[META]',
  'video_title: Test',
  'project: trash-panda',
  'default_character: every-coon',
  '',
];

/** A complete beat `id` holding `body`: 5 lines and the body's. */
export function beat(id: string, ...body: string[]): string[] {
  return [`[BEAT: ${id}]`, 'name: A beat', '---', ...body, '[END_BEAT]'];
}

/** Source line of the first body line of `script()`'s beat. */
export const BODY = META.length + 4;

/** One beat `01_test` holding `body`, after META; the body's first line is line `BODY`. */
export function script(...body: string[]): string {
  return els(...META, '[BEAT: 01_test]', 'name: Test', '---', ...body, '[END_BEAT]');
}

export interface Found {
  code: DiagnosticCode;
  line: number;
  column: number;
}

/** Every diagnostic as `{code, line, column}`, in source order. */
export function found(source: string, options?: ParseOptions): Found[] {
  return validate(source, options).diagnostics.map(({ code, line, column }) => ({
    code,
    line,
    column,
  }));
}

/** The script of a source that must parse. */
export function parsed(source: string, options?: ParseOptions): Script {
  const result = parse(source, options);
  if (!result.ok) {
    throw new Error(`expected the script to parse: ${JSON.stringify(result.diagnostics)}`);
  }
  return result.script;
}

/** The only beat of a source that must parse. */
export function beatOf(source: string, options?: ParseOptions): Beat {
  const [beat, ...rest] = parsed(source, options).beats;
  if (beat === undefined || rest.length > 0) throw new Error('expected exactly one beat');
  return beat;
}

/** A script without source positions, which formatting moves: what a round trip must keep. */
export function withoutPositions(script: Script): unknown {
  return {
    ...script,
    beats: script.beats.map(({ line: _line, lines, ...beat }) => ({
      ...beat,
      lines: lines.map(({ sourceLine: _sourceLine, ...line }) => line),
    })),
  };
}
