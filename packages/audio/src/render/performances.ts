import {
  DIALOGUE_CHARACTER_LIMIT,
  DIALOGUE_MAX_VOICES,
  modelCapabilities,
  type DialogueMode,
  type ProviderName,
} from '../provider-facts.js';
import type { SpeechRequest } from '../providers/speech-provider.js';
import type { SegmentRequest } from './segment-requests.js';

/** One request to the provider and the beat's segments it voices, in order. */
export interface Performance {
  segments: number[];
  request: SpeechRequest;
}

/**
 * Whether the beat is voiced as one performance: several characters (two may share a voice) on
 * one model that voices dialogue (ElevenLabs only), and the session asked for it.
 */
function asDialogue(
  planned: readonly SegmentRequest[],
  mode: DialogueMode,
  provider: ProviderName,
): boolean {
  const modelId = planned[0]?.request.modelId;
  return (
    mode === 'one_performance' &&
    provider === 'elevenlabs' &&
    modelId !== undefined &&
    modelCapabilities(modelId).dialogue &&
    planned.every((p) => p.request.modelId === modelId) &&
    new Set(planned.map((p) => p.profile.character)).size > 1
  );
}

/** Consecutive segments, each run within one dialogue request's characters and voices. */
function dialogueRuns(planned: readonly SegmentRequest[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let characters = 0;
  let voices = new Set<string>();
  planned.forEach(({ request }, index) => {
    const grown = new Set(voices).add(request.voiceId);
    if (
      run.length > 0 &&
      (characters + request.text.length > DIALOGUE_CHARACTER_LIMIT ||
        grown.size > DIALOGUE_MAX_VOICES)
    ) {
      runs.push(run);
      run = [];
      characters = 0;
      voices = new Set();
    }
    run.push(index);
    characters += request.text.length;
    voices.add(request.voiceId);
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** One text-to-dialogue request for the run: each segment a turn in its own voice. */
function dialogueRequest(
  planned: readonly SegmentRequest[],
  run: readonly number[],
): SpeechRequest {
  const turns = run.map((index) => planned[index] as SegmentRequest);
  const first = turns[0] as SegmentRequest;
  const dialogue = turns.map(({ request }) => ({ text: request.text, voiceId: request.voiceId }));
  return {
    // The turns' texts as the API counts and aligns them: one after another.
    text: dialogue.map((turn) => turn.text).join(''),
    voiceId: first.request.voiceId,
    modelId: first.request.modelId,
    // The dialogue endpoint takes one stability for the whole performance: the first turn's.
    settings: first.request.settings,
    dialogue,
  };
}

/**
 * The requests that voice a beat: one per segment, or — for a beat with several voices on a
 * dialogue model, in a session that asked for one performance — text-to-dialogue requests,
 * split at segment boundaries where one would exceed the API's characters or voices.
 */
export function planPerformances(
  planned: readonly SegmentRequest[],
  mode: DialogueMode,
  provider: ProviderName,
): Performance[] {
  if (!asDialogue(planned, mode, provider)) {
    return planned.map(({ request }, index) => ({ segments: [index], request }));
  }
  return dialogueRuns(planned).map((run) =>
    run.length === 1
      ? { segments: run, request: (planned[run[0] as number] as SegmentRequest).request }
      : { segments: run, request: dialogueRequest(planned, run) },
  );
}
