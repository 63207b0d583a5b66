/** Plain decimal numbers as ELS writes them: `350`, `0.35`, `.5`, `-2` (no exponent, no units). */

const MINUS = 0x2d;
const DOT = 0x2e;

export function readDecimal(text: string): number | null {
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  let digits = 0;
  let dot = -1;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if (code === DOT && dot < 0) dot = i;
    else return null;
  }
  if (digits === 0 || dot === text.length - 1) return null;
  // `+ 0` turns -0 into 0, so "-0" and "0" read the same.
  return Number(text) + 0;
}

/** The shortest decimal that reads back as `value`, without exponent notation (`1e-7` → `0.0000001`). */
export function writeDecimal(value: number): string {
  const text = String(value);
  const exponent = text.indexOf('e');
  if (exponent < 0) return text;
  const sign = value < 0 ? '-' : '';
  const [whole = '', fraction = ''] = text.slice(sign.length, exponent).split('.');
  const digits = whole + fraction;
  // Where the decimal point falls in `digits` once the exponent is applied.
  const point = whole.length + Number(text.slice(exponent + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
