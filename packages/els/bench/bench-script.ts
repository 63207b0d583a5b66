/**
 * The scripts the ELS benches parse: realistic beats (directions, paces, speakers taking turns,
 * settings, inline and standalone pauses, emphasis), generated from a seed so every run
 * measures the same text.
 */

export const CHARACTERS = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];
const DIRECTIONS = [
  'Punchy, accusatory, deadpan',
  'Slow, grumbly, nostalgic',
  'Monotone, bureaucratic, reading from a memo',
  'Deep, confident, slightly menacing',
  'Whiny, panicked, voice cracking',
  'Fast-talking, hyped, crypto slang',
];
const PACES = ['slow', 'deliberate', 'normal', 'quick', 'fast', 'chaos'];
const PAUSES = ['beat', 'short', 'medium', 'long', '250ms', '0.4s', '120'];
const SENTENCES = [
  'Corporation stole your chips.',
  'Bag look *same*, bag **not** same.',
  'Back in my day a candy bar cost a *nickel* and it was the size of a brick.',
  'The committee has reviewed the data and found inflation to be transitory.',
  'You will own **nothing** and you will be *happy* about it.',
  'Bro the chart only goes up, just buy the dip, wagmi.',
  'Price go up. Chips go down. Math is hard.',
  'We are not raising prices, we are *right-sizing* the snacking experience.',
];

/** A small deterministic generator, so every run measures the same script. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A script of `beats` beats, the same for the same `seed`. */
export function script(beats: number, seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out = [
    '[META]',
    'video_title: Shrinkflation 2.0',
    'project: trash-panda',
    'default_character: every-coon',
    'default_pace: normal',
    '',
  ];
  for (let beat = 1; beat <= beats; beat++) {
    out.push(`[BEAT: ${String(beat).padStart(4, '0')}_scene]`, `name: Scene ${beat}`, '---');
    out.push(`[DIRECTION: ${pick(DIRECTIONS)}]`, `[PACE: ${pick(PACES)}]`);
    for (let line = 0; line < 4; line++) {
      if (line > 0 && next() < 0.5) out.push(`[CHARACTER: ${pick(CHARACTERS)}]`);
      if (next() < 0.2) out.push(`[STABILITY: ${(next() * 0.8 + 0.1).toFixed(2)}]`);
      const text = pick(SENTENCES);
      out.push(next() < 0.3 ? `${text} [PAUSE: ${pick(PAUSES)}] ${pick(SENTENCES)}` : text);
      if (next() < 0.4) out.push(`[PAUSE: ${pick(PAUSES)}]`);
    }
    out.push('[END_BEAT]', '');
  }
  return out.join('\n');
}
