/**
 * One colour per character, the same on every screen. Characters known to the studio (the
 * voice profiles, in their listed order) take the palette in turn, so the first eight are always
 * distinct; a name outside that list gets a colour derived from its name, so it is at least stable.
 */

/** Hues chosen to be told apart by most people, each readable with dark text on a light tint. */
export const palette = [
  { fg: '#1d4ed8', bg: '#dbeafe' }, // blue
  { fg: '#b45309', bg: '#fef3c7' }, // amber
  { fg: '#047857', bg: '#d1fae5' }, // green
  { fg: '#be185d', bg: '#fce7f3' }, // pink
  { fg: '#6d28d9', bg: '#ede9fe' }, // violet
  { fg: '#0e7490', bg: '#cffafe' }, // cyan
  { fg: '#b91c1c', bg: '#fee2e2' }, // red
  { fg: '#4d7c0f', bg: '#ecfccb' }, // lime
  { fg: '#a16207', bg: '#fef9c3' }, // yellow
  { fg: '#334155', bg: '#e2e8f0' }, // slate
] as const;

export type CharacterColor = (typeof palette)[number];

/** FNV-1a: a small stable hash, so a name always lands on the same colour. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Canonical form used to compare names (`Every Coon` = `every_coon` = `every-coon`). */
export function characterKey(name: string): string {
  return name.toLowerCase().replace(/[-_\s]+/g, '');
}

/** Colour of each of `names`, given the studio's known characters in their display order. */
export function assignCharacterColors(
  names: readonly string[],
  known: readonly string[] = [],
): Map<string, CharacterColor> {
  const result = new Map<string, CharacterColor>();
  const knownIndex = new Map<string, number>();
  known.forEach((name) => {
    const key = characterKey(name);
    if (!knownIndex.has(key)) knownIndex.set(key, knownIndex.size);
  });
  for (const name of names) {
    const index = knownIndex.get(characterKey(name));
    const slot = index !== undefined ? index : hash(characterKey(name));
    result.set(name, palette[slot % palette.length]!);
  }
  return result;
}

/** The colour of one character. */
export function characterColor(name: string, known: readonly string[] = []): CharacterColor {
  return assignCharacterColors([name], known).get(name)!;
}
