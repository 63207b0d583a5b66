/** Reading an ELS script the studio can voice: within the size limit, with the known characters. */
import { listVoiceProfiles, type StudioDb } from '@studio/db';
import { parse, validate, type ParseResult, type Script, type ValidationResult } from '@studio/els';
import { StudioError } from '../errors.js';

/** Far above any real script (a long one is ~100 kB): a bigger body is a mistake or an attack. */
export const MAX_SCRIPT_BYTES = 2 * 1024 * 1024;

export function assertScriptSize(source: string): void {
  if (Buffer.byteLength(source, 'utf8') > MAX_SCRIPT_BYTES) {
    throw new StudioError(
      'PAYLOAD_TOO_LARGE',
      `The script is larger than ${MAX_SCRIPT_BYTES / 1024 / 1024} MB`,
    );
  }
}

/** The characters a script may use: those with a voice profile. */
async function knownCharacters(db: StudioDb): Promise<string[]> {
  return (await listVoiceProfiles(db)).map((profile) => profile.character);
}

export async function validateScript(db: StudioDb, source: string): Promise<ValidationResult> {
  assertScriptSize(source);
  return validate(source, { characters: await knownCharacters(db) });
}

export async function parseScript(db: StudioDb, source: string): Promise<ParseResult> {
  assertScriptSize(source);
  return parse(source, { characters: await knownCharacters(db) });
}

/** The parsed script, or `INVALID_SCRIPT` carrying every diagnostic. */
export async function requireScript(db: StudioDb, source: string): Promise<Script> {
  const result = await parseScript(db, source);
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
