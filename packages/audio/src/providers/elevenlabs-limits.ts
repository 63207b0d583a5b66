/** What the ElevenLabs API accepts: speeds, per-request characters, request stitching. */

/** The speeds allowed in `voice_settings`. */
export const MIN_SPEED = 0.7;
export const MAX_SPEED = 1.2;

/**
 * Per-request character limits of ElevenLabs models: a longer text is refused before it is
 * sent. Unknown models get the multilingual v2 limit, ElevenLabs' default model.
 */
const LIMITS: ReadonlyArray<readonly [prefix: string, limit: number]> = [
  ['eleven_v3', 5_000],
  ['eleven_flash_v2_5', 40_000],
  ['eleven_turbo_v2_5', 40_000],
  ['eleven_multilingual_v2', 10_000],
];

const DEFAULT_LIMIT = 10_000;

export function characterLimit(modelId: string): number {
  return LIMITS.find(([prefix]) => modelId.startsWith(prefix))?.[1] ?? DEFAULT_LIMIT;
}

/** `previous_text`/`next_text` are refused by eleven_v3. */
export function supportsRequestStitching(modelId: string): boolean {
  return !modelId.startsWith('eleven_v3');
}
