/**
 * What a script will cost before anything is spent, computed in the browser from the parsed
 * script: ElevenLabs bills the characters of the text it voices, and each segment is one request.
 * The pricing is `speechCost`, the function the server's estimate uses.
 */
import { creditsPerCharacter, speechCost } from '@studio/audio/facts';
import type { Script } from '@studio/els';

export interface VoiceModel {
  character: string;
  modelId: string | null;
}

export interface CharacterEstimate {
  character: string;
  lines: number;
  characters: number;
}

export interface Estimate {
  beats: number;
  /** Text-to-speech requests: one per segment. */
  requests: number;
  /** Characters sent to the provider (spoken text only: direction and tags are never sent). */
  characters: number;
  /** ElevenLabs credits at the characters' models, rounded up. */
  credits: number;
  byCharacter: CharacterEstimate[];
}

/** `rate`: credits per character of a model — the live prices when known (`models.svelte.ts`). */
export function estimateScript(
  script: Script,
  voices: readonly VoiceModel[] = [],
  rate: (modelId: string | null | undefined) => number = creditsPerCharacter,
): Estimate {
  const models = new Map(voices.map((v) => [v.character, v.modelId]));
  const per = new Map<string, CharacterEstimate>();
  const entry = (character: string) => {
    const known = per.get(character) ?? { character, lines: 0, characters: 0 };
    per.set(character, known);
    return known;
  };
  for (const beat of script.beats) {
    for (const line of beat.lines) entry(line.character).lines += 1;
    for (const segment of beat.segments) entry(segment.character).characters += segment.text.length;
  }
  const segments = script.beats.flatMap((beat) => beat.segments);
  const cost = speechCost(
    segments.map((segment) => ({ text: segment.text, modelId: models.get(segment.character) })),
    'elevenlabs',
    rate,
  );
  return {
    beats: script.beats.length,
    ...cost,
    byCharacter: [...per.values()].sort((a, b) => b.lines - a.lines),
  };
}
