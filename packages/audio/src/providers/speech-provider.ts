import type { DictionaryLocator, LexiconEntry } from '../lexicon/lexicon.js';
import type { ProviderName } from '../provider-facts.js';
import type { ContinuityMode, LocalVoice, VoiceSettings } from '../types.js';

/** Seeds are unsigned 32-bit integers (the ElevenLabs range). */
export const MAX_SEED = 4_294_967_295;

/** One text-to-speech request: one ELS segment (els-spec §7). */
export interface SpeechRequest {
  /** The segment's spoken text: its lines joined with single spaces. Never direction. */
  text: string;
  voiceId: string;
  modelId: string;
  settings: VoiceSettings;
  /**
   * Neighbouring segments' text, so prosody continues across requests: the fallback when no
   * request id qualifies (or the API refuses the ids), and what the cache key holds either way.
   */
  previousText?: string;
  nextText?: string;
  /**
   * The neighbours' own audio, for models that take request ids (at most 3, each under two hours
   * old): the previous ones oldest first (the last is nearest), the next ones nearest first.
   */
  previousRequestIds?: string[];
  nextRequestIds?: string[];
  /**
   * One performance of several segments (text-to-dialogue, models with `dialogue`): each turn is
   * one segment in its own voice; `text` is then the turns' texts one after another.
   */
  dialogue?: DialogueTurn[];
  seed?: number;
  /** Offline voice of the character (used by the local provider only). */
  localVoice?: LocalVoice;
  /** The segment's lines, when the provider can voice line by line (the local provider). */
  lines?: string[];
  /**
   * Pronunciation dictionaries to apply (ElevenLabs `pronunciation_dictionary_locators`), with
   * the rules of theirs this text contains: the rules shape the audio (the cache key), a new
   * version for words not in this text does not.
   */
  pronunciation?: { dictionaries: DictionaryLocator[]; rules: LexiconEntry[] };
}

export interface DialogueTurn {
  text: string;
  voiceId: string;
}

/** How a request was tied to its neighbours, on each side. */
export interface Continuity {
  previous: ContinuityMode;
  next: ContinuityMode;
}

/** Where one dialogue turn lies in the result: in the audio (ms) and in `alignment.characters`. */
export interface TurnSpan {
  turn: number;
  startMs: number;
  endMs: number;
  characterStart: number;
  /** Exclusive. */
  characterEnd: number;
}

/** Per-character timing of the request text, in milliseconds from the start of `pcm`. */
export interface Alignment {
  characters: string[];
  startMs: number[];
  endMs: number[];
}

export interface SpeechResult {
  /** Mono s16le samples. */
  pcm: Int16Array;
  sampleRate: number;
  alignment: Alignment;
  charactersBilled: number;
  /** The provider's request id (null when the provider has none, e.g. offline). */
  requestId: string | null;
  /** The model that actually voiced the request. */
  modelId: string;
  /** What tied the request to its neighbours (after any fallback from refused ids). */
  continuity: Continuity;
  /** When the audio was made (ms since the epoch): request ids older than two hours are unusable. */
  voicedAt: number;
  /** A dialogue request's turns, in order. */
  turns?: TurnSpan[];
  /** Where the account stands against its plan's concurrency cap, when the provider says. */
  concurrency?: { current: number; max: number };
}

export interface SynthesizeOptions {
  signal?: AbortSignal;
}

export interface SpeechProvider {
  /** Recorded on takes. */
  readonly name: ProviderName;
  /**
   * Everything besides the request that changes the audio (provider, output format, engine
   * version): part of the segment cache key, so a format change never reuses stale PCM.
   */
  readonly cacheNamespace: string;
  /** What identifies the voice for this provider (a voice id, or an offline variant and pitch). */
  voiceKey(request: SpeechRequest): string;
  synthesize(request: SpeechRequest, options?: SynthesizeOptions): Promise<SpeechResult>;
}
