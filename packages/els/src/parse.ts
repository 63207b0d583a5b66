/** The public entry points: `parse`, `validate`, `tokenize` and `parseWithTokens` (els-spec §8). */

import { analyze } from './analyze.js';
import type { Analysis } from './analyze.js';
import type {
  ElsToken,
  ParseOptions,
  ParseResult,
  ParseWithTokens,
  ValidationResult,
} from './types.js';

/**
 * Callers in plain JavaScript (or a browser form) can pass anything: a non-string source reads
 * as empty text and malformed options are ignored, so no function here ever throws.
 */
function run(
  source: string,
  options: ParseOptions | undefined,
  build: boolean,
  withTokens = false,
): Analysis {
  const characters = Array.isArray(options?.characters)
    ? options.characters.filter((name): name is string => typeof name === 'string')
    : undefined;
  const defaultCharacter =
    typeof options?.defaultCharacter === 'string' ? options.defaultCharacter : undefined;
  return analyze(
    typeof source === 'string' ? source : '',
    { characters, defaultCharacter },
    build,
    withTokens,
  );
}

function result({ diagnostics, hasErrors, script }: Analysis): ParseResult {
  return hasErrors ? { ok: false, diagnostics } : { ok: true, script, diagnostics };
}

/** Parse an ELS script; `script` is present only when there is no error (warnings may remain). */
export function parse(source: string, options?: ParseOptions): ParseResult {
  return result(run(source, options, true));
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
  return run(source, undefined, false, true).tokens ?? [];
}

/**
 * `parse` and `tokenize` from one pass over `source`: what an editor needs on each change,
 * for the cost of one parse.
 */
export function parseWithTokens(source: string, options?: ParseOptions): ParseWithTokens {
  const analysis = run(source, options, true, true);
  return { result: result(analysis), tokens: analysis.tokens ?? [] };
}
