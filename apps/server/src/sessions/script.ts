/**
 * Reading an ELS script the studio can voice: within the size limit, with the known characters,
 * lines without a speaker given to the studio's default character.
 */
import { listVoiceProfiles, type StudioDb } from '@studio/db';
import {
  canonicalCharacterName,
  parse,
  validate,
  type ParseResult,
  type Script,
  type ValidationResult,
} from '@studio/els';
import type { Services } from '../context.js';
import { EnvError } from '../env.js';
import { StudioError } from '../errors.js';

/** Far above any real script (a long one is ~100 kB): a bigger body is a mistake or an attack. */
export const MAX_SCRIPT_BYTES = 2 * 1024 * 1024;

/** What reading a script needs of the studio. */
export type ScriptServices = Pick<Services, 'db' | 'defaultCharacter'>;

/** The parser options every script of this studio is read with (the web's editor uses them too). */
export interface StudioParseOptions {
  /** The characters a script may use: those with a voice profile. */
  characters: string[];
  /** Who speaks a line the script gives no speaker. */
  defaultCharacter: string;
}

export function assertScriptSize(source: string): void {
  if (Buffer.byteLength(source, 'utf8') > MAX_SCRIPT_BYTES) {
    throw new StudioError(
      'PAYLOAD_TOO_LARGE',
      `The script is larger than ${MAX_SCRIPT_BYTES / 1024 / 1024} MB`,
    );
  }
}

async function knownCharacters(db: StudioDb): Promise<string[]> {
  return (await listVoiceProfiles(db)).map((profile) => profile.character);
}

/**
 * `DEFAULT_CHARACTER` as the voice profiles spell it; a name without a profile stops the start,
 * since every script leaning on it would fail later.
 */
export async function resolveDefaultCharacter(db: StudioDb, name: string): Promise<string> {
  const characters = await knownCharacters(db);
  const resolved = canonicalCharacterName(name, characters);
  if (!characters.includes(resolved)) {
    throw new EnvError([
      {
        name: 'DEFAULT_CHARACTER',
        message: `"${name}" has no voice profile; use one of ${characters.join(', ')}`,
      },
    ]);
  }
  return resolved;
}

export async function parseOptions({
  db,
  defaultCharacter,
}: ScriptServices): Promise<StudioParseOptions> {
  return { characters: await knownCharacters(db), defaultCharacter };
}

export async function validateScript(
  services: ScriptServices,
  source: string,
): Promise<ValidationResult> {
  assertScriptSize(source);
  return validate(source, await parseOptions(services));
}

export async function parseScript(services: ScriptServices, source: string): Promise<ParseResult> {
  assertScriptSize(source);
  return parse(source, await parseOptions(services));
}

/** The parsed script, or `INVALID_SCRIPT` carrying every diagnostic. */
export async function requireScript(services: ScriptServices, source: string): Promise<Script> {
  const result = await parseScript(services, source);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    throw new StudioError(
      'INVALID_SCRIPT',
      `The script has ${errors} error${errors === 1 ? '' : 's'}`,
      result.diagnostics,
    );
  }
  return result.script;
}
