/** Pause values (els-spec §5): named pauses, milliseconds or seconds, 0–2000 ms. */

import { readDecimal } from './numbers.js';

export type NamedPause = 'beat' | 'short' | 'medium' | 'long' | 'dramatic';

export const NAMED_PAUSES: Readonly<Record<NamedPause, number>> = Object.freeze({
  beat: 150,
  short: 250,
  medium: 400,
  long: 600,
  dramatic: 900,
});

export const MAX_PAUSE_MS = 2000;
/** The pause after a line when none is written. */
export const LINE_PAUSE_MS = 150;
/** The pause after a beat's last line when none is written: the beat's trailing pause. */
export const BEAT_PAUSE_MS = 300;

export type PauseReading =
  | { ok: true; ms: number }
  | { ok: false; code: 'pause/invalid' }
  | { ok: false; code: 'pause/out-of-range'; ms: number };

/** Read a pause value; fractions are rounded to whole milliseconds once the range is checked. */
export function readPause(value: string): PauseReading {
  const text = value.toLowerCase();
  if (Object.hasOwn(NAMED_PAUSES, text)) return { ok: true, ms: NAMED_PAUSES[text as NamedPause] };
  let scale = 1;
  let number = text;
  if (text.endsWith('ms')) number = text.slice(0, -2);
  else if (text.endsWith('s')) {
    number = text.slice(0, -1);
    scale = 1000;
  }
  const amount = readDecimal(number.trimEnd());
  if (amount === null) return { ok: false, code: 'pause/invalid' };
  const ms = amount * scale;
  if (ms < 0 || ms > MAX_PAUSE_MS) return { ok: false, code: 'pause/out-of-range', ms };
  return { ok: true, ms: Math.round(ms) };
}

export const PAUSE_CHOICES = `a named pause (${Object.entries(NAMED_PAUSES)
  .map(([name, ms]) => `${name} ${ms} ms`)
  .join(', ')}), milliseconds ("350" or "350ms") or seconds ("1.5s"), from 0 to ${MAX_PAUSE_MS} ms`;
