import { z } from 'zod';

/**
 * A take's QC as stored in `takes.qc` (the shape `@studio/audio` computes; `db` and `audio` do not
 * import each other, so it is declared here too and structural typing keeps them in step).
 */
export const TAKE_QC_STATUSES = ['pass', 'warn', 'fail', 'pending', 'not_checked'] as const;
export type TakeQcStatus = (typeof TAKE_QC_STATUSES)[number];

export const TAKE_QC_CODES = [
  'clipping',
  'dropout',
  'truncated',
  'rate_outlier',
  'pause_mismatch',
  'loudness_outlier',
  'missing_words',
  'extra_words',
  'wrong_words',
] as const;

const qcWordSchema = z.object({ text: z.string(), startMs: z.number(), endMs: z.number() });

export const qcFlagSchema = z.object({
  code: z.enum(TAKE_QC_CODES),
  severity: z.enum(['warn', 'fail']),
  lineIndex: z.int().nonnegative().optional(),
  startMs: z.number().optional(),
  endMs: z.number().optional(),
  message: z.string(),
  words: z.array(qcWordSchema).optional(),
});
export type TakeQcFlag = z.infer<typeof qcFlagSchema>;

export const qcStatsSchema = z.object({
  speechDb: z.number().nullable(),
  lines: z.array(
    z.object({ lineIndex: z.int().nonnegative(), character: z.string(), msPerChar: z.number() }),
  ),
});
export type QcStats = z.infer<typeof qcStatsSchema>;

export const takeQcSchema = z.object({
  status: z.enum(TAKE_QC_STATUSES),
  flags: z.array(qcFlagSchema),
  wordErrorRate: z.number().nonnegative().optional(),
  transcript: z.string().optional(),
  /** Why a check could not run (`not_checked`). */
  reason: z.string().optional(),
  /** What the session-wide checks compare across takes. */
  stats: qcStatsSchema.optional(),
});
export type TakeQc = z.infer<typeof takeQcSchema>;

/** Takes voiced before QC existed, or not checked yet. */
export const PENDING_QC: TakeQc = { status: 'pending', flags: [] };
