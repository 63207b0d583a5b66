import { msToSamples } from '../pcm/pcm.js';
import type { SpeechResult, TurnSpan } from '../providers/speech-provider.js';

export type TurnAudio = Pick<SpeechResult, 'pcm' | 'sampleRate' | 'alignment'>;

/** The response's turns, when they are the request's turns in order and inside the audio. */
function usableTurns(result: SpeechResult, count: number): TurnSpan[] | null {
  const turns = result.turns;
  if (!turns || turns.length !== count) return null;
  const ordered = turns.every(
    (turn, i) =>
      turn.turn === i &&
      turn.characterStart <= turn.characterEnd &&
      turn.characterEnd <= result.alignment.characters.length &&
      (i === 0 || (turns[i - 1] as TurnSpan).characterEnd <= turn.characterStart),
  );
  return ordered ? turns : null;
}

/**
 * Cuts one text-to-dialogue performance back into its turns, one per segment: the audio between
 * neighbouring turns is cut halfway through the gap, and each turn keeps its own characters'
 * alignment, shifted to its piece — so the pieces go through the take assembler like segments voiced
 * one request each. Voice segments that do not fit the request leave the alignment out: the
 * audio is then shared out by the turns' characters, and the lines are placed by count (inexact).
 */
export function splitDialogue(result: SpeechResult, turnTexts: readonly string[]): TurnAudio[] {
  const { pcm, sampleRate } = result;
  const turns = usableTurns(result, turnTexts.length);
  const durationMs = (pcm.length * 1000) / sampleRate;
  const cutsMs: number[] = [0];
  if (turns) {
    for (let i = 1; i < turns.length; i++) {
      const before = turns[i - 1] as TurnSpan;
      const after = turns[i] as TurnSpan;
      cutsMs.push(Math.max(cutsMs[i - 1] ?? 0, (before.endMs + after.startMs) / 2));
    }
  } else {
    const total = turnTexts.reduce((n, text) => n + text.length, 0) || 1;
    let characters = 0;
    for (const text of turnTexts.slice(0, -1)) {
      characters += text.length;
      cutsMs.push((durationMs * characters) / total);
    }
  }
  cutsMs.push(durationMs);
  return turnTexts.map((_, i) => {
    const fromMs = cutsMs[i] ?? 0;
    const from = Math.min(pcm.length, msToSamples(fromMs, sampleRate));
    const to = Math.min(
      pcm.length,
      Math.max(from, msToSamples(cutsMs[i + 1] ?? durationMs, sampleRate)),
    );
    const turn = turns?.[i];
    const slice = <T>(values: readonly T[]) =>
      turn ? values.slice(turn.characterStart, turn.characterEnd) : [];
    return {
      pcm: pcm.subarray(from, to),
      sampleRate,
      alignment: {
        characters: slice(result.alignment.characters),
        startMs: slice(result.alignment.startMs).map((ms) => ms - fromMs),
        endMs: slice(result.alignment.endMs).map((ms) => ms - fromMs),
      },
    };
  });
}
