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
 */
export function syntheticSpeech(
  text: string,
  options: { sampleRate: number; voiceId: string; speed: number; seed?: number },
): SyntheticSpeech {
  const characters = Array.from(text);
  const seconds = SYNTHETIC_CHARACTER_MS / 1000 / options.speed;
  // Each performance sits a little higher or lower (±10 %, in 0.2 % steps), as a real voice
  // varies per request: two recordings rarely share a pitch, so the stand-in's ear tells them
  // apart.
  const performance =
    1 + ((hash(`${options.voiceId}|${text}|${options.seed ?? ''}`) % 101) - 50) * 0.002;
  const base = 110 + (hash(options.voiceId) % 110);
  const pcm = new Int16Array(Math.round(characters.length * seconds * options.sampleRate));
  const startSeconds: number[] = [];
  const endSeconds: number[] = [];
  let phase = 0;
  characters.forEach((character, i) => {
    startSeconds.push(i * seconds);
    endSeconds.push((i + 1) * seconds);
    // Spaces keep the voice's own pitch: where a take is cut between lines does not move.
    const pitch = character === ' ' ? base : base * performance;
    const frequency = pitch * (1 + ((character.codePointAt(0) ?? 0) % 12) / 24);
    const from = Math.round(i * seconds * options.sampleRate);
    const to = Math.round((i + 1) * seconds * options.sampleRate);
    for (let s = from; s < to && s < pcm.length; s++) {
      phase += (2 * Math.PI * frequency) / options.sampleRate;
      pcm[s] = Math.round(AMPLITUDE * Math.sin(phase));
    }
  });
  return { pcm, characters, startSeconds, endSeconds };
}
