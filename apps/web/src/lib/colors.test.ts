import { describe, expect, it } from 'vitest';
import { assignCharacterColors, characterColor, palette } from './colors.js';

describe('character colours', () => {
  const known = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];

  it('gives every known character its own colour, in the studio order', () => {
    const colors = assignCharacterColors(known, known);
    const distinct = new Set([...colors.values()].map((c) => c.fg));
    expect(distinct.size).toBe(known.length);
    expect(colors.get('every-coon')).toBe(palette[0]);
    expect(colors.get('boomer')).toBe(palette[1]);
  });

  it('is the same on every screen, whatever order names are asked in', () => {
    const a = assignCharacterColors(['fed', 'boomer'], known);
    const b = assignCharacterColors(['boomer', 'fed'], known);
    expect(a.get('fed')).toBe(b.get('fed'));
    expect(a.get('boomer')).toBe(b.get('boomer'));
  });

  it('matches names the way ELS does (case, dashes, underscores, spaces)', () => {
    expect(characterColor('Every Coon', known)).toBe(characterColor('every-coon', known));
    expect(characterColor('every_coon', known)).toBe(palette[0]);
  });

  it('gives unknown names a stable colour from the palette', () => {
    const first = characterColor('narrator', known);
    expect(palette).toContain(first);
    expect(characterColor('narrator', known)).toBe(first);
    expect(characterColor('narrator')).toBe(characterColor('narrator'));
  });
});
