/**
 * What a script will cost before anything is spent, computed in the browser from the parsed
 * script: ElevenLabs bills the characters of the text it voices, and each segment is one request.
 */
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
  /** ElevenLabs credits at the characters' models. */
  credits: number;
  byCharacter: CharacterEstimate[];
}

/**
 * Credits per character by model: the Flash and Turbo models cost half a credit per character,
 * the others one (ElevenLabs pricing).
 */
export function creditsPerCharacter(modelId: string | null | undefined): number {
  if (!modelId) return 1;
  return /flash|turbo/i.test(modelId) ? 0.5 : 1;
}

export function estimateScript(script: Script, voices: readonly VoiceModel[] = []): Estimate {
  const models = new Map(voices.map((v) => [v.character, v.modelId]));
  const per = new Map<string, CharacterEstimate>();
  let requests = 0;
  let characters = 0;
  let credits = 0;
  for (const beat of script.beats) {
    for (const line of beat.lines) {
      const entry = per.get(line.character) ?? {
        character: line.character,
        lines: 0,
        characters: 0,
      };
      entry.lines += 1;
      per.set(line.character, entry);
    }
    for (const segment of beat.segments) {
      requests += 1;
      const count = segment.text.length;
      characters += count;
      credits += count * creditsPerCharacter(models.get(segment.character));
      const entry = per.get(segment.character);
      if (entry) entry.characters += count;
    }
  }
  return {
    beats: script.beats.length,
    requests,
    characters,
    credits: Math.ceil(credits),
    byCharacter: [...per.values()].sort((a, b) => b.lines - a.lines),
  };
}
