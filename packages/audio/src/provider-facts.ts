/**
 * What the speech providers accept and what they cost: the one copy of these facts for the
 * server's schemas and estimate, the web app and the CLI. Browser-safe (`@studio/audio/facts`):
 * it imports no code, so the web app's bundle gets these facts and nothing else (the zod schemas
 * built from them are in `provider-schemas.ts`).
 *
 * `@studio/db` cannot import this package; its CHECK constraints and patch schemas keep their
 * own copy of the setting ranges and the default model, and a server test holds them equal.
 */
import type { VoiceSettings } from './types.js';

/** Who voiced a take (recorded on the `takes` row). */
export const PROVIDER_NAMES = ['elevenlabs', 'local'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** The ElevenLabs models the studio offers, ElevenLabs' default first. */
export const ELEVENLABS_MODELS = [
  'eleven_multilingual_v2',
  'eleven_flash_v2_5',
  'eleven_turbo_v2_5',
  'eleven_v3',
] as const;
export type ElevenLabsModel = (typeof ELEVENLABS_MODELS)[number];
export const DEFAULT_MODEL_ID: ElevenLabsModel = 'eleven_multilingual_v2';

/** Per-request character limits: a longer text is refused before it is sent. */
const CHARACTER_LIMITS: Readonly<Record<ElevenLabsModel, number>> = {
  eleven_multilingual_v2: 10_000,
  eleven_flash_v2_5: 40_000,
  eleven_turbo_v2_5: 40_000,
  eleven_v3: 5_000,
};

/** The known model a model id names (`eleven_v3_preview` is `eleven_v3`); ids compare in any case. */
function knownModel(modelId: string): ElevenLabsModel | undefined {
  const id = modelId.toLowerCase();
  return ELEVENLABS_MODELS.find((model) => id.startsWith(model));
}

/** Unknown models get the limit of ElevenLabs' default model. */
export function characterLimit(modelId: string): number {
  return CHARACTER_LIMITS[knownModel(modelId) ?? DEFAULT_MODEL_ID];
}

/** `previous_text`/`next_text` are refused by eleven_v3. */
export function supportsRequestStitching(modelId: string): boolean {
  return knownModel(modelId) !== 'eleven_v3';
}

/**
 * Pronunciation dictionaries' phoneme rules (IPA, CMU) are honoured by these English models
 * only; every other model skips them silently, so it gets the entries' aliases in its text.
 * Exact ids: `eleven_flash_v2_5` is not `eleven_flash_v2`.
 */
const PHONEME_MODELS: ReadonlySet<string> = new Set([
  'eleven_flash_v2',
  'eleven_turbo_v2',
  'eleven_monolingual_v1',
]);

export function supportsPhonemes(modelId: string): boolean {
  return PHONEME_MODELS.has(modelId.toLowerCase());
}

/**
 * ElevenLabs credits per character: the Flash and Turbo families cost half (their
 * `character_cost_multiplier`), every other model one. No model known yet: the full price.
 */
export function creditsPerCharacter(modelId: string | null | undefined): number {
  return modelId && /flash|turbo/i.test(modelId) ? 0.5 : 1;
}

/** Stability, similarity and style: fractions. */
export const UNIT_RANGE = { min: 0, max: 1 } as const;
/** The ranges of the voice settings (`voice_settings`); ElevenLabs refuses anything outside. */
export const VOICE_SETTING_RANGES = {
  stability: UNIT_RANGE,
  similarityBoost: UNIT_RANGE,
  style: UNIT_RANGE,
  speed: { min: 0.7, max: 1.2 },
} as const satisfies Record<keyof VoiceSettings, { min: number; max: number }>;
export const MIN_SPEED = VOICE_SETTING_RANGES.speed.min;
export const MAX_SPEED = VOICE_SETTING_RANGES.speed.max;

/** Integrated loudness targets offered on export, in LUFS; the first is the suggested one. */
export const LOUDNESS_PRESETS = [
  { lufs: -16, use: 'podcasts, voice-over' },
  { lufs: -14, use: 'streaming platforms' },
  { lufs: -23, use: 'broadcast (EBU R128)' },
] as const;
export type LoudnessTarget = (typeof LOUDNESS_PRESETS)[number]['lufs'];
export const LOUDNESS_TARGETS: readonly LoudnessTarget[] = LOUDNESS_PRESETS.map((p) => p.lufs);

export interface SpokenSegment {
  /** What one request sends. */
  text: string;
  /** The model that would voice it; unknown yet is priced at the full rate. */
  modelId: string | null | undefined;
}

export interface SpeechCost {
  requests: number;
  /** Characters sent to the provider. */
  characters: number;
  /** ElevenLabs credits, rounded up; the local voice is free. */
  credits: number;
}

/**
 * What voicing these segments costs, one request each: the estimate of the server and the web.
 * `rate` is the model's live price (`/v1/models`) when known; the table's fallback otherwise.
 */
export function speechCost(
  segments: Iterable<SpokenSegment>,
  provider: ProviderName = 'elevenlabs',
  rate: (modelId: string | null | undefined) => number = creditsPerCharacter,
): SpeechCost {
  let requests = 0;
  let characters = 0;
  let credits = 0;
  for (const { text, modelId } of segments) {
    requests += 1;
    characters += text.length;
    credits += text.length * rate(modelId);
  }
  return { requests, characters, credits: provider === 'local' ? 0 : Math.ceil(credits) };
}
