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

/** `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`: ids become file names on export. */
export function isValidBeatId(id: string): boolean {
  if (id.length === 0 || id.length > MAX_BEAT_ID_LENGTH) return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i) | 0x20; // ASCII lowercase
    const alphanumeric = isDigit(id.charCodeAt(i)) || (code >= 0x61 && code <= 0x7a);
    const separator = i > 0 && (id[i] === '_' || id[i] === '-');
    if (!alphanumeric && !separator) return false;
  }
  return true;
}
