/** How long one character "speaks" at speed 1.0. */
export const SYNTHETIC_CHARACTER_MS = 55;
const AMPLITUDE = 8_000;

export interface SyntheticSpeech {
  pcm: Int16Array;
  characters: string[];
  startSeconds: number[];
  endSeconds: number[];
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (const char of text) h = Math.imul(h ^ (char.codePointAt(0) ?? 0), 16_777_619) >>> 0;
  return h;
}

/**
 * Deterministic stand-in "speech": one tone per character (spaces included), pitch from the
 * voice (and a little from the text and seed), duration inversely proportional to speed. There is no silence anywhere, so every
 * silence in a take is one the renderer inserted, and the alignment is exact by construction.
 * The last character fades out, as a voice ends: a take that stops at full level was cut.
 */
export function syntheticSpeech(
  text: string,
  options: { sampleRate: number; voiceId: string; speed: number; seed?: number },
): SyntheticSpeech {
  const characters = Array.from(text);
  const seconds = SYNTHETIC_CHARACTER_MS / 1000 / options.speed;
  // Each performance sits a little higher or lower (±5 %), as a real voice varies per request.
  const performance = 1 + ((hash(`${text}|${options.seed ?? ''}`) % 21) - 10) * 0.005;
  const base = (110 + (hash(options.voiceId) % 110)) * performance;
  const pcm = new Int16Array(Math.round(characters.length * seconds * options.sampleRate));
  const startSeconds: number[] = [];
  const endSeconds: number[] = [];
  let phase = 0;
  characters.forEach((character, i) => {
    startSeconds.push(i * seconds);
    endSeconds.push((i + 1) * seconds);
    const frequency = base * (1 + ((character.codePointAt(0) ?? 0) % 12) / 24);
    const from = Math.round(i * seconds * options.sampleRate);
    const to = Math.round((i + 1) * seconds * options.sampleRate);
    const last = i === characters.length - 1;
    for (let s = from; s < to && s < pcm.length; s++) {
      phase += (2 * Math.PI * frequency) / options.sampleRate;
      // The utterance dies away over its last character, as a voice does (not a hard stop).
      const envelope = last ? (to - s) / (to - from) : 1;
      pcm[s] = Math.round(AMPLITUDE * envelope * Math.sin(phase));
    }
  });
  return { pcm, characters, startSeconds, endSeconds };
}
