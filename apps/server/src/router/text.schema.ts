/**
 * Free text the studio stores, checked at the API boundary: bounded (every limit below, in one
 * place) and storable — Postgres refuses NUL in text and jsonb, and a lone UTF-16 surrogate (a
 * JSON `\ud800`) in jsonb, with a 500 from deep inside a query. Refused here instead, as a 400
 * naming the field.
 */
import { z } from 'zod';

/** Longest accepted value of each free-text field, in UTF-16 code units. */
export const TEXT_LIMITS = {
  /** A session's title (the script's `video_title`, or one typed in). */
  title: 200,
  /** A canonical character name (`every-coon`). */
  character: 64,
  /** A beat id as written in the script (els-spec §3). */
  beatKey: 64,
  /** A session or take as typed: its id (36) or a prefix of it. */
  idRef: 36,
  displayName: 100,
  /** A voice profile's note on how the character sounds. */
  description: 2_000,
  /** An ElevenLabs model id (`eleven_multilingual_v2`). */
  modelId: 64,
  /** A reviewer's direction for one regeneration: stored with every take it yields. */
  direction: 500,
  /** A voice preview's line: one ELS text line's limit. */
  previewText: 500,
  /** A script's `project`: the lexicon's name. */
  project: 200,
  /** A lexicon word, and what it is said as (an alias or phonemes). */
  lexiconWord: 100,
  pronunciation: 200,
  /** A voice library search. */
  voiceSearch: 100,
  /** Who made a review decision or note: a name the browser remembers (there are no accounts). */
  author: 100,
  /** A reviewer's note on a take. */
  note: 2_000,
  /** The id of the last event an SSE client saw. */
  eventId: 128,
} as const;

/** The code in the issue's `params` when text cannot be stored (clients branch on it). */
export const UNSTORABLE_TEXT = 'UNSTORABLE_TEXT';

/** NUL, or a surrogate without its pair. */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface StorableTextOptions {
  max: number;
  /** Default 0; 1 refuses an empty (or, trimmed, blank) value. */
  min?: number;
  /** Trim surrounding white space before the length checks (titles, names). Default false. */
  trim?: boolean;
}

export function storableText({ max, min = 0, trim = false }: StorableTextOptions) {
  return (trim ? z.string().trim() : z.string())
    .min(min)
    .max(max)
    .refine((text) => !UNSTORABLE.test(text), {
      message: 'must not contain a NUL character or a lone UTF-16 surrogate',
      params: { code: UNSTORABLE_TEXT },
    });
}

/**
 * ElevenLabs voice ids are 20 letters and digits (`BRruTxiLM2nszrcCIpz1`); the id is a path
 * segment of the provider's URL, so `..` or `/` must never pass.
 */
export const voiceId = z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'must be 10–64 letters or digits');
