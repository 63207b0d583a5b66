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

/** What a model does with a request beyond speaking its text: the one capability table. */
export interface ModelCapabilities {
  /** Per-request character limit: a longer text is refused before it is sent. */
  characterLimit: number;
  /** Acts on audio tags (`[whispers]`): sent the tagged text; other models never see a tag. */
  audioTags: boolean;
  /** Voices several speakers in one request (`/v1/text-to-dialogue`). */
  dialogue: boolean;
  /** Takes `previous_request_ids`/`next_request_ids` (the neighbours' own audio) for continuity. */
  requestIds: boolean;
  /** Takes `previous_text`/`next_text` for continuity. */
  contextText: boolean;
  /** The stability values the model distinguishes (others are snapped); null: any in 0–1. */
  stabilityModes: readonly number[] | null;
}

const STITCHING_MODEL = {
  audioTags: false,
  dialogue: false,
  requestIds: true,
  contextText: true,
  stabilityModes: null,
} as const;

/** eleven_v3 and its successors: tags and dialogue, but no request stitching of either kind. */
const EXPRESSIVE_MODEL: ModelCapabilities = {
  characterLimit: 5_000,
  audioTags: true,
  dialogue: true,
  requestIds: false,
  contextText: false,
  // v3's Creative, Natural and Robust modes.
  stabilityModes: [0, 0.5, 1],
};

const CAPABILITIES: Readonly<Record<ElevenLabsModel, ModelCapabilities>> = {
  eleven_multilingual_v2: { ...STITCHING_MODEL, characterLimit: 10_000 },
  eleven_flash_v2_5: { ...STITCHING_MODEL, characterLimit: 40_000 },
  eleven_turbo_v2_5: { ...STITCHING_MODEL, characterLimit: 40_000 },
  eleven_v3: EXPRESSIVE_MODEL,
};

/**
 * A session's choice for beats with several characters on a model that voices dialogue: one
 * text-to-dialogue performance, or one request per segment as on every other model.
 */
export const DIALOGUE_MODES = ['one_performance', 'per_segment'] as const;
export type DialogueMode = (typeof DIALOGUE_MODES)[number];
export const DEFAULT_DIALOGUE_MODE: DialogueMode = 'one_performance';

/**
 * A text-to-dialogue request stays within this many characters: the API's documented bound for
 * reliable generation (longer ones may end early); a longer beat is split at segment boundaries.
 */
export const DIALOGUE_CHARACTER_LIMIT = 2_000;
/** Distinct voices one text-to-dialogue request may hold. */
export const DIALOGUE_MAX_VOICES = 10;
/** `previous_request_ids`/`next_request_ids`: at most this many, each younger than the maximum age. */
export const MAX_CONTINUITY_REQUEST_IDS = 3;
export const CONTINUITY_REQUEST_ID_MAX_AGE_MS = 2 * 60 * 60 * 1000;

/** The known model a model id names (`eleven_v3_preview` is `eleven_v3`); ids compare in any case. */
function knownModel(modelId: string): ElevenLabsModel | undefined {
  const id = modelId.toLowerCase();
  return ELEVENLABS_MODELS.find((model) => id.startsWith(model));
}

/**
 * What the model named can do. A later generation (`eleven_v4…`) is taken to act like
 * `eleven_v3`; any other unknown model like ElevenLabs' default model.
 */
export function modelCapabilities(modelId: string): ModelCapabilities {
  const known = knownModel(modelId);
  if (known) return CAPABILITIES[known];
  const generation = /^eleven_v(\d+)/i.exec(modelId)?.[1];
  return generation !== undefined && Number(generation) >= 3
    ? EXPRESSIVE_MODEL
    : CAPABILITIES[DEFAULT_MODEL_ID];
}

export function characterLimit(modelId: string): number {
  return modelCapabilities(modelId).characterLimit;
}

/** `previous_text`/`next_text` are refused by eleven_v3. */
export function supportsRequestStitching(modelId: string): boolean {
  return modelCapabilities(modelId).contextText;
}

/** The stability the model acts on: the nearest of its modes (ties go up), else the value itself. */
export function snapStability(modelId: string, stability: number): number {
  const modes = modelCapabilities(modelId).stabilityModes;
  if (!modes) return stability;
  let best = stability;
  let distance = Infinity;
  for (const mode of modes) {
    const d = Math.abs(mode - stability);
    if (d <= distance) {
      best = mode;
      distance = d;
    }
  }
  return best;
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
