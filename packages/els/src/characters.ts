/** Character names: comparison, canonical form, and resolution against the caller's list (els-spec §4). */

import { isSpace, quote } from './text.js';

const HYPHEN = 0x2d;
const UNDERSCORE = 0x5f;

function isSeparator(code: number): boolean {
  return code === HYPHEN || code === UNDERSCORE || isSpace(code);
}

/** What names are compared by: lowercase, without `-`, `_` and spaces (`Every Coon` = `everycoon`). */
function characterKey(name: string): string {
  let key = '';
  const lower = name.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (!isSeparator(lower.charCodeAt(i))) key += lower[i];
  }
  return key;
}

/** The canonical form of a name outside any list: lowercase, each run of separators one `-`. */
function plainCanonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  let canonical = '';
  let separated = false;
  for (let i = 0; i < lower.length; i++) {
    if (isSeparator(lower.charCodeAt(i))) separated = true;
    else {
      if (separated) canonical += '-';
      separated = false;
      canonical += lower[i];
    }
  }
  return separated ? `${canonical}-` : canonical;
}

/**
 * The canonical name of a character: the matching entry of `known` when there is one (compared
 * case-insensitively, ignoring `-`, `_` and spaces), else the name in lowercase with runs of
 * spaces, `_` and `-` turned into one `-`.
 */
export function canonicalCharacterName(name: string, known?: readonly string[]): string {
  return new CharacterResolver(known).resolve(name) ?? plainCanonicalName(name);
}

/** Letters, digits, spaces, `-`, `_`, `.` and `'`, with at least one letter or digit. */
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} _.'-]+$/u;
const NAME_CORE = /[\p{L}\p{N}]/u;

/** Resolves the names of one script, so each character has one spelling throughout. */
export class CharacterResolver {
  private readonly byKey = new Map<string, string>();
  /** Each spelling resolved so far, and what it resolved to. */
  private readonly bySpelling = new Map<string, string | null>();
  private readonly closed: boolean;

  constructor(known: readonly string[] | undefined) {
    this.closed = known !== undefined;
    for (const name of known ?? []) {
      const key = characterKey(name);
      if (!this.byKey.has(key)) this.byKey.set(key, name);
    }
  }

  /**
   * The canonical name, or null when it is not a known character (with a list) or not a
   * well-formed name (without one). Without a list, the first spelling seen of a name is kept
   * for the rest of the script, so `everycoon` after `every-coon` is the same speaker.
   */
  resolve(name: string): string | null {
    // A script names its few characters again and again: each spelling is worked out once.
    const seen = this.bySpelling.get(name);
    if (seen !== undefined) return seen;
    const resolved = this.resolveNew(name);
    this.bySpelling.set(name, resolved);
    return resolved;
  }

  private resolveNew(name: string): string | null {
    const key = characterKey(name);
    const found = this.byKey.get(key);
    if (found !== undefined || this.closed) return found ?? null;
    if (!NAME_CHARACTERS.test(name) || !NAME_CORE.test(name)) return null;
    const canonical = plainCanonicalName(name);
    this.byKey.set(key, canonical);
    return canonical;
  }

  /** Why `name` was refused, with the valid choices. */
  problem(name: string): string {
    if (!this.closed) {
      return `${quote(name)} is not a character name: use letters, digits, spaces, "-", "_", "." or "'".`;
    }
    const choices = [...this.byKey.values()];
    return choices.length === 0
      ? `Unknown character ${quote(name)}: no characters are defined for this script.`
      : `Unknown character ${quote(name)}: use one of ${choices.join(', ')} (or add it to the project's characters).`;
  }
}
