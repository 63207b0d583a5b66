/**
 * Take QC as the review page shows it: which beats need ears (worst first), the reasons behind
 * a badge, the flagged spans on a waveform, and the flagged words inside a line's text.
 */
import type { TakeView } from './api.js';

export type TakeQc = TakeView['qc'];
export type QcStatus = TakeQc['status'];
export type QcFlag = TakeQc['flags'][number];
export type QcWord = NonNullable<QcFlag['words']>[number];

/** Worst first: what to listen to before anything else. */
const RANK: Record<QcStatus, number> = { fail: 0, warn: 1, not_checked: 2, pending: 3, pass: 4 };

export const needsEars = (qc: TakeQc) => RANK[qc.status] <= RANK.not_checked;

/** A beat as the review page holds it: its takes once they are loaded. */
type QcBeat = { takes?: readonly Pick<TakeView, 'qc'>[] | undefined };

export function worstStatus(beat: QcBeat): QcStatus {
  return (beat.takes ?? []).reduce<QcStatus>(
    (worst, take) => (RANK[take.qc.status] < RANK[worst] ? take.qc.status : worst),
    'pass',
  );
}

/** The "Needs ears" filter: beats with a flagged take, worst first, script order within. */
/** Beats with a take that needs ears, worst first; a beat whose takes are not loaded is left out. */
export function earsFirst<B extends QcBeat>(beats: readonly B[]): { beat: B; index: number }[] {
  return beats
    .map((beat, index) => ({ beat, index, rank: RANK[worstStatus(beat)] }))
    .filter(({ beat }) => (beat.takes ?? []).some((take) => needsEars(take.qc)))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ beat, index }) => ({ beat, index }));
}

export const QC_LABELS: Record<QcStatus, string> = {
  pass: 'QC pass',
  warn: 'QC warn',
  fail: 'QC fail',
  pending: 'QC pending',
  not_checked: 'Not checked',
};

/** The badge's hover text: one reason per line. */
export function qcReasons(qc: TakeQc): string {
  const lines = qc.flags.map(
    (flag) =>
      `${flag.severity === 'fail' ? '✗' : '!'} ${flag.code.replace(/_/g, ' ')}${flag.lineIndex === undefined ? '' : ` (line ${flag.lineIndex + 1})`}: ${flag.message}`,
  );
  if (qc.reason) lines.push(qc.reason);
  if (qc.wordErrorRate !== undefined && qc.wordErrorRate > 0) {
    lines.push(`word error rate ${Math.round(qc.wordErrorRate * 100)} %`);
  }
  return lines.join('\n') || QC_LABELS[qc.status];
}

export interface QcMark {
  /** Percent of the take's duration. */
  left: number;
  width: number;
  severity: QcFlag['severity'];
  title: string;
}

/** Flagged spans as marks over the waveform (at least a sliver wide, so a point is seen). */
export function qcMarks(qc: TakeQc, durationMs: number): QcMark[] {
  if (durationMs <= 0) return [];
  return qc.flags.flatMap((flag) => {
    if (flag.startMs === undefined) return [];
    const end = flag.endMs ?? flag.startMs;
    const left = Math.min(100, Math.max(0, (flag.startMs / durationMs) * 100));
    const width = Math.max(0.8, Math.min(100 - left, ((end - flag.startMs) / durationMs) * 100));
    return [{ left, width, severity: flag.severity, title: `${flag.code}: ${flag.message}` }];
  });
}

export type LineSegment =
  | { kind: 'text'; text: string }
  | { kind: 'word'; text: string; word: QcWord; code: QcFlag['code']; added: boolean };

const bare = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/**
 * A line's text with its flagged words picked out: a missing or wrong word where it stands in
 * the text, a word heard but not written added after the text. Each carries its time in the take.
 */
export function highlightLine(text: string, flags: readonly QcFlag[]): LineSegment[] {
  const segments: LineSegment[] = [];
  const pending = flags.flatMap((flag) =>
    (flag.words ?? []).map((word) => ({ word, code: flag.code })),
  );
  const inText = pending.filter((p) => p.code !== 'extra_words');
  for (const token of text.split(/(\s+)/)) {
    const at = inText.findIndex((p) => bare(p.word.text) === bare(token) && bare(token) !== '');
    const found = inText[at];
    if (found) {
      inText.splice(at, 1);
      segments.push({
        kind: 'word',
        text: token,
        word: found.word,
        code: found.code,
        added: false,
      });
    } else segments.push({ kind: 'text', text: token });
  }
  for (const p of pending.filter((p) => p.code === 'extra_words').concat(inText)) {
    segments.push({ kind: 'text', text: ' ' });
    segments.push({
      kind: 'word',
      text: `+${p.word.text}`,
      word: p.word,
      code: p.code,
      added: true,
    });
  }
  return segments;
}
