/** The public entry points: `parse` and `validate` (els-spec §8). */

import { analyze, tokenizeSource } from './analyze.js';
import type { Analysis } from './analyze.js';
import type { ElsToken, ParseOptions, ParseResult, ValidationResult } from './types.js';

/**
 * Callers in plain JavaScript (or a browser form) can pass anything: a non-string source reads
 * as empty text and malformed options are ignored, so neither function ever throws.
 */
function run(source: string, options: ParseOptions | undefined, build: boolean): Analysis {
  const characters = Array.isArray(options?.characters)
    ? options.characters.filter((name): name is string => typeof name === 'string')
    : undefined;
  const defaultCharacter =
    typeof options?.defaultCharacter === 'string' ? options.defaultCharacter : undefined;
  return analyze(typeof source === 'string' ? source : '', { characters, defaultCharacter }, build);
}

/** Parse an ELS script; `script` is present only when there is no error (warnings may remain). */
export function parse(source: string, options?: ParseOptions): ParseResult {
  const { diagnostics, hasErrors, script } = run(source, options, true);
  return hasErrors ? { ok: false, diagnostics } : { ok: true, script, diagnostics };
}

/** Check an ELS script and count its beats and the text lines of each character. */
export function validate(source: string, options?: ParseOptions): ValidationResult {
  const { diagnostics, hasErrors, beatCount, characterLines } = run(source, options, false);
  return { ok: !hasErrors, diagnostics, beatCount, characterLines };
}

/**
 * The pieces of `source` an editor colours (tags and their values, beat ids, META keys, `name:`
 * lines, `---`, emphasis, audio tags, brackets left in the text), as the parser reads them:
 * sorted by offset, never overlapping. Never throws.
 */
export function tokenize(source: string): ElsToken[] {
  return tokenizeSource(typeof source === 'string' ? source : '');
}
