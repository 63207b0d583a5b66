import { PACES, type Beat as ParsedBeat } from '@studio/els';
import { z } from 'zod';

/**
 * Shapes stored in jsonb columns, as zod schemas: queries check rows against them when they
 * read them back (drizzle's `$type` only asserts a type). They mirror the contracts in
 * docs/architecture.md; `db` and `audio` never import each other, so both declare them and
 * structural typing keeps them in step.
 */

/** A setting from 0 to 1 (stability, style, similarity boost). */
export const unitSchema = z.number().min(0).max(1);

/** eSpeak NG voice used when speaking offline (no ElevenLabs key). */
export const localVoiceSchema = z.strictObject({
  /** eSpeak NG variant file name, e.g. `m3`, `f2`, `klatt`, `whisper`. */
  variant: z.string().regex(/^[a-z][a-z0-9_-]*$/i),
  /** eSpeak NG pitch, 0–99. */
  pitch: z.int().min(0).max(99),
});
export type LocalVoice = z.infer<typeof localVoiceSchema>;

/** Settings actually sent to the provider for one segment of a take. */
export const segmentSettingsSchema = z.object({
  character: z.string(),
  voiceId: z.string(),
  modelId: z.string(),
  stability: z.number(),
  /** The stability asked for, when the model's modes snapped it to `stability` (eleven_v3). */
  requestedStability: z.number().optional(),
  similarityBoost: z.number(),
  style: z.number(),
  speed: z.number(),
  text: z.string(),
  /** Indexes into the beat's lines. */
  lines: z.array(z.int().nonnegative()),
});
export type SegmentSettings = z.infer<typeof segmentSettingsSchema>;

/** How a segment was tied to its neighbours on one side. */
export const CONTINUITY_MODES = ['request_ids', 'text', 'none'] as const;

/** How one segment of a take was requested: its request id, and what it sent for continuity. */
export const segmentContinuitySchema = z.object({
  requestId: z.string().nullable(),
  /** When the audio was made (ms since the epoch, 0 unknown): ids past two hours are unusable. */
  voicedAt: z.number().nonnegative(),
  previous: z.literal(CONTINUITY_MODES),
  next: z.literal(CONTINUITY_MODES),
  /** Voiced in one text-to-dialogue request with the beat's other voices. */
  dialogue: z.boolean(),
});
export type SegmentContinuity = z.infer<typeof segmentContinuitySchema>;

/** Speech start/end of one beat line inside a take, pauses already inserted. */
export const lineTimingSchema = z.object({
  lineIndex: z.int().nonnegative(),
  character: z.string(),
  text: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  pauseAfterMs: z.number(),
});
export type LineTiming = z.infer<typeof lineTimingSchema>;

/** A failure worth showing to the user: a stable code plus a human message. */
export const errorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** `budget_exceeded`: the credits the budget lacks for the request it stopped before. */
  creditsNeeded: z.number().optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** What a reviewer asked to change for one generation; absent fields keep the script's values. */
export const jobOverridesSchema = z.strictObject({
  direction: z.string().optional(),
  pace: z.literal(PACES).optional(),
  stability: unitSchema.optional(),
  style: unitSchema.optional(),
  similarityBoost: unitSchema.optional(),
});
export type JobOverrides = z.infer<typeof jobOverridesSchema>;

export const exportOptionsSchema = z.object({
  /** Integrated loudness target in LUFS. */
  loudnessTarget: z.number().optional(),
  /** Export even when some beats have no selected take. */
  partial: z.boolean().optional(),
  /** Export only the beats whose selected take is approved. */
  approvedOnly: z.boolean().optional(),
  /** Export selected takes that failed take QC. */
  allowFlagged: z.boolean().optional(),
});
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

export const exportFileSchema = z.object({ name: z.string(), bytes: z.number() });
export type ExportFile = z.infer<typeof exportFileSchema>;

const pace = z.literal(PACES);
const nullableUnit = unitSchema.nullable();

/** A beat as `@studio/els` parses it: what generation voices without parsing again. */
export const parsedBeatSchema = z.object({
  id: z.string(),
  number: z.number(),
  name: z.string(),
  line: z.number(),
  lines: z.array(
    z.object({
      text: z.string(),
      character: z.string(),
      direction: z.string().nullable(),
      pace,
      speed: z.number(),
      pauseAfterMs: z.number(),
      stability: nullableUnit,
      style: nullableUnit,
      taggedText: z.string(),
      audioTags: z.array(z.object({ name: z.string(), at: z.int().nonnegative() })),
      emphasis: z.array(z.string()),
      strongEmphasis: z.array(z.string()),
      sourceLine: z.number(),
    }),
  ),
  segments: z.array(
    z.object({
      character: z.string(),
      pace,
      speed: z.number(),
      stability: nullableUnit,
      style: nullableUnit,
      lines: z.array(z.int().nonnegative()),
      text: z.string(),
      taggedText: z.string(),
    }),
  ),
  text: z.string(),
  primaryCharacter: z.string(),
  primaryDirection: z.string().nullable(),
  primaryPace: pace,
  pauseAfterMs: z.number(),
}) satisfies z.ZodType<ParsedBeat>;
