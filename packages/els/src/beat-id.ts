/** Beat ids (`[BEAT: 01_hook]`): their form, and the number read from their leading digits. */

export const MAX_BEAT_ID_LENGTH = 64;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The id's leading digits as a number (`01_hook` → 1), or null. */
export function leadingNumber(id: string): number | null {
  let end = 0;
  while (end < id.length && isDigit(id.charCodeAt(end))) end++;
  return end === 0 ? null : Number(id.slice(0, end));
}

/**
 * `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`: ids become file names on export. A regular expression, as
 * it runs natively from the first beat on.
 */
const BEAT_ID = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${MAX_BEAT_ID_LENGTH - 1}}$`);

export function isValidBeatId(id: string): boolean {
  return BEAT_ID.test(id);
}
