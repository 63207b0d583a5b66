import type { Listening } from './listen.js';
import { qcStatusOf, type QcCode, type QcFlag, type QcResult, type QcStats } from './qc-result.js';

/** Codes the listening check owns: a re-run replaces exactly these. */
export const LISTENING_CODES: readonly QcCode[] = ['missing_words', 'extra_words', 'wrong_words'];
/** Codes the session-wide checks own. */
export const SESSION_CODES: readonly QcCode[] = ['rate_outlier', 'loudness_outlier'];

/** One take's QC from its parts: signal flags (and stats), the session's flags, the listening. */
export function takeQc(parts: {
  signal: { flags: QcFlag[]; stats: QcStats };
  session?: QcFlag[];
  listening?: Listening | null;
}): QcResult {
  const { listening } = parts;
  const flags = [
    ...parts.signal.flags,
    ...(parts.session ?? []),
    ...(listening?.checked ? listening.flags : []),
  ];
  const notChecked = listening?.checked === false;
  return {
    status: qcStatusOf(flags, notChecked),
    flags,
    stats: parts.signal.stats,
    ...(listening?.checked
      ? { wordErrorRate: listening.wordErrorRate, transcript: listening.transcript }
      : {}),
    ...(notChecked ? { reason: listening.reason } : {}),
  };
}

/**
 * A stored result with fresh session flags and, when given, a fresh listening (`qc.rerun`):
 * the signal flags stay, they were measured on the samples before the encode.
 */
export function updateQc(
  qc: QcResult,
  update: { session: QcFlag[]; listening?: Listening | null },
): QcResult {
  const signalFlags = qc.flags.filter(
    (flag) => !SESSION_CODES.includes(flag.code) && !LISTENING_CODES.includes(flag.code),
  );
  const listening: Listening | null =
    update.listening !== undefined
      ? update.listening
      : qc.reason !== undefined
        ? { checked: false, reason: qc.reason }
        : qc.transcript !== undefined
          ? {
              checked: true,
              flags: qc.flags.filter((flag) => LISTENING_CODES.includes(flag.code)),
              wordErrorRate: qc.wordErrorRate ?? 0,
              transcript: qc.transcript,
            }
          : null;
  return takeQc({
    signal: { flags: signalFlags, stats: qc.stats ?? { speechDb: null, lines: [] } },
    session: update.session,
    listening,
  });
}
