/** What take QC finds: flags with a code, a severity and where in the take they are. */

export const QC_CODES = [
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
export type QcCode = (typeof QC_CODES)[number];

export const QC_SEVERITIES = ['warn', 'fail'] as const;
export type QcSeverity = (typeof QC_SEVERITIES)[number];

/** `pending`: not checked yet; `not_checked`: a check could not run (the reason says why). */
export const QC_STATUSES = ['pass', 'warn', 'fail', 'pending', 'not_checked'] as const;
export type QcStatus = (typeof QC_STATUSES)[number];

export interface QcWord {
  text: string;
  startMs: number;
  endMs: number;
}

export interface QcFlag {
  code: QcCode;
  severity: QcSeverity;
  lineIndex?: number;
  startMs?: number;
  endMs?: number;
  message: string;
  /** The words in question (speech recognition checks). */
  words?: QcWord[];
}

/** Per-take measurements the session-wide checks compare across takes. */
export interface QcStats {
  /** Mean level of the take's speech windows, dBFS (null: no speech found). */
  speechDb: number | null;
  lines: { lineIndex: number; character: string; msPerChar: number }[];
}

export interface QcResult {
  status: QcStatus;
  flags: QcFlag[];
  /** Word error rate of the transcript against the script, 0–1+ (speech recognition only). */
  wordErrorRate?: number;
  transcript?: string;
  /** Why a check did not run (status `not_checked`). */
  reason?: string;
  stats?: QcStats;
}

/** The worst severity decides; a listening check that could not run leaves `not_checked`. */
export function qcStatusOf(flags: readonly QcFlag[], notChecked = false): QcStatus {
  if (flags.some((flag) => flag.severity === 'fail')) return 'fail';
  if (notChecked) return 'not_checked';
  return flags.length > 0 ? 'warn' : 'pass';
}
