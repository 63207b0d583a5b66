/**
 * Pure helpers over a session as the server sends it (beats in script order, each with its takes,
 * oldest first). Typed structurally so they can be tested without a server.
 */

export type BeatStatus = 'pending' | 'queued' | 'generating' | 'ready' | 'failed' | 'stale';

export interface TakeSettingsLike {
  character: string;
  voiceId: string;
  modelId: string;
  stability: number;
  /** Set when the model's stability modes snapped the asked value to `stability`. */
  requestedStability?: number;
  similarityBoost: number;
  style: number;
  speed: number;
}

export interface TakeLike {
  id: string;
  durationMs: number;
  createdAt: Date | string;
  settings: TakeSettingsLike[];
  direction: string | null;
}

export interface BeatLike {
  id: string;
  status: BeatStatus;
  text: string;
  selectedTakeId: string | null;
  takes: TakeLike[];
}

/** The take a beat plays and exports: its selected one. */
export function selectedTake<T extends TakeLike>(beat: {
  selectedTakeId: string | null;
  takes: T[];
}): T | null {
  return beat.takes.find((t) => t.id === beat.selectedTakeId) ?? null;
}

/** What the review plays for a beat when nothing is chosen explicitly: selected, else newest. */
export function currentTake<T extends TakeLike>(beat: {
  selectedTakeId: string | null;
  takes: T[];
}): T | null {
  return selectedTake(beat) ?? beat.takes.at(-1) ?? null;
}

/** Total duration of the selected takes (the length of the master). */
export function selectedDurationMs(
  beats: readonly Pick<BeatLike, 'selectedTakeId' | 'takes'>[],
): number {
  let total = 0;
  for (const beat of beats) total += selectedTake(beat)?.durationMs ?? 0;
  return total;
}

/** One line summary of the settings a take was voiced with. */
export function describeSettings(settings: readonly TakeSettingsLike[]): string {
  const first = settings[0];
  if (!first) return '';
  const snapped =
    first.requestedStability === undefined
      ? ''
      : ` (snapped from ${first.requestedStability.toFixed(2)}: ${first.modelId} has three modes)`;
  const parts = [
    `stability ${first.stability.toFixed(2)}${snapped}`,
    `similarity ${first.similarityBoost.toFixed(2)}`,
    `style ${first.style.toFixed(2)}`,
    `speed ×${first.speed.toFixed(2)}`,
    first.modelId,
  ];
  const others = new Set(settings.map((s) => s.character)).size - 1;
  return others > 0
    ? `${parts.join(' · ')} (+${others} voice${others > 1 ? 's' : ''})`
    : parts.join(' · ');
}

/** How a take's requests were tied together: one performance, request ids, text, or nothing. */
export function describeContinuity(
  continuity: readonly { previous: string; next: string; dialogue: boolean }[],
): string {
  if (continuity.some((c) => c.dialogue)) return 'one performance';
  const modes = new Set(continuity.flatMap((c) => [c.previous, c.next]));
  if (modes.has('request_ids')) return 'stitched by request ids';
  if (modes.has('text')) return 'stitched by text';
  return '';
}

export interface ReviseDefaults {
  direction: string;
  pace: string;
  stability: number;
  style: number;
  similarityBoost: number;
}

/** The Revise form starts from the current take's settings, else the script's. */
export function reviseDefaults(
  beat: {
    selectedTakeId: string | null;
    takes: TakeLike[];
    parsed: { primaryDirection: string | null; primaryPace: string };
  },
  fallback: { stability: number; style: number; similarityBoost: number } = {
    stability: 0.5,
    style: 0,
    similarityBoost: 0.75,
  },
): ReviseDefaults {
  const take = currentTake(beat);
  const settings = take?.settings[0];
  return {
    direction: take?.direction ?? beat.parsed.primaryDirection ?? '',
    pace: beat.parsed.primaryPace,
    stability: settings?.stability ?? fallback.stability,
    style: settings?.style ?? fallback.style,
    similarityBoost: settings?.similarityBoost ?? fallback.similarityBoost,
  };
}

/** Index of the beat after/before `index`, clamped to the list. */
export function stepIndex(index: number | null, delta: 1 | -1, length: number): number | null {
  if (length === 0) return null;
  if (index === null) return delta === 1 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, index + delta));
}
