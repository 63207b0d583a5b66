/**
 * The listening check: the transcript of a take against the text it should speak, word by word
 * (edit distance on normalised words). Words not heard are `missing_words`, words heard that
 * were not written `extra_words` (hallucinated or repeated), words heard instead of the written
 * ones `wrong_words`; each flag carries the words and their times.
 */
import type { LineTiming } from '../types.js';
import type { QcFlag, QcWord } from './qc-result.js';
import { spokenWords } from './spoken-words.js';
import { QC_THRESHOLDS as T } from './thresholds.js';

export interface HeardWord {
  text: string;
  startMs: number;
  endMs: number;
}

export interface TranscriptCheck {
  flags: QcFlag[];
  wordErrorRate: number;
}

interface Expected {
  word: string;
  lineIndex: number;
}

interface Heard {
  word: string;
  startMs: number;
  endMs: number;
}

type Op =
  | { kind: 'match' | 'wrong'; expected: Expected; heard: Heard }
  | { kind: 'missing'; expected: Expected; at: number }
  | { kind: 'extra'; heard: Heard; lineIndex: number };

/** Minimal edits from expected to heard, in order (substitution, deletion, insertion cost 1). */
function align(expected: Expected[], heard: Heard[]): Op[] {
  const n = expected.length;
  const m = heard.length;
  const cost = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = 0; i <= n; i++) cost[at(i, 0)] = i;
  for (let j = 0; j <= m; j++) cost[at(0, j)] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = expected[i - 1]?.word === heard[j - 1]?.word ? 0 : 1;
      cost[at(i, j)] = Math.min(
        (cost[at(i - 1, j - 1)] ?? 0) + same,
        (cost[at(i - 1, j)] ?? 0) + 1,
        (cost[at(i, j - 1)] ?? 0) + 1,
      );
    }
  }
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const e = expected[i - 1];
    const h = heard[j - 1];
    const here = cost[at(i, j)] ?? 0;
    if (e && h && here === (cost[at(i - 1, j - 1)] ?? 0) + (e.word === h.word ? 0 : 1)) {
      ops.push({ kind: e.word === h.word ? 'match' : 'wrong', expected: e, heard: h });
      i--;
      j--;
    } else if (e && here === (cost[at(i - 1, j)] ?? 0) + 1) {
      ops.push({ kind: 'missing', expected: e, at: j });
      i--;
    } else if (h) {
      ops.push({ kind: 'extra', heard: h, lineIndex: e?.lineIndex ?? expected[0]?.lineIndex ?? 0 });
      j--;
    } else break;
  }
  return ops.reverse();
}

const word = (heard: Heard): QcWord => ({
  text: heard.word,
  startMs: heard.startMs,
  endMs: heard.endMs,
});

export function checkTranscript(
  timings: readonly LineTiming[],
  transcript: readonly HeardWord[],
): TranscriptCheck {
  const expected = timings.flatMap((line) =>
    spokenWords(line.text).map((w) => ({ word: w, lineIndex: line.lineIndex })),
  );
  const heard = transcript.flatMap((w) =>
    spokenWords(w.text).map((text) => ({ word: text, startMs: w.startMs, endMs: w.endMs })),
  );
  const ops = align(expected, heard);
  const errors = ops.filter((op) => op.kind !== 'match').length;
  const wordErrorRate = expected.length === 0 ? 0 : errors / expected.length;
  const wrongSeverity = wordErrorRate > T.werFail ? 'fail' : 'warn';

  // Runs of the same kind of edit on one line become one flag.
  const flags: QcFlag[] = [];
  let run: { kind: Op['kind']; lineIndex: number; words: QcWord[]; written: string[] } | null =
    null;
  const close = () => {
    if (!run || run.kind === 'match') return;
    const first = run.words[0];
    const last = run.words.at(-1);
    const span = first && last ? { startMs: first.startMs, endMs: last.endMs } : {};
    const said = run.words.map((w) => w.text).join(' ');
    const written = run.written.join(' ');
    flags.push(
      run.kind === 'missing'
        ? {
            code: 'missing_words',
            severity: 'fail',
            lineIndex: run.lineIndex,
            ...span,
            words: run.words,
            message: `not heard: "${written}"`,
          }
        : run.kind === 'extra'
          ? {
              code: 'extra_words',
              severity: 'fail',
              lineIndex: run.lineIndex,
              ...span,
              words: run.words,
              message: `heard but not written: "${said}"`,
            }
          : {
              code: 'wrong_words',
              severity: wrongSeverity,
              lineIndex: run.lineIndex,
              ...span,
              words: run.words,
              message: `heard "${said}" for "${written}"`,
            },
    );
  };
  for (const op of ops) {
    const lineIndex = op.kind === 'extra' ? op.lineIndex : op.expected.lineIndex;
    if (!run || run.kind !== op.kind || run.lineIndex !== lineIndex) {
      close();
      run = { kind: op.kind, lineIndex, words: [], written: [] };
    }
    if (op.kind === 'missing') {
      // A word not heard sits between the heard words around it.
      const before = heard[op.at - 1];
      const after = heard[op.at];
      const startMs = before?.endMs ?? after?.startMs ?? 0;
      run.words.push({ text: op.expected.word, startMs, endMs: after?.startMs ?? startMs });
      run.written.push(op.expected.word);
    } else if (op.kind === 'extra') {
      run.words.push(word(op.heard));
    } else {
      run.words.push(word(op.heard));
      run.written.push(op.expected.word);
    }
  }
  close();
  return { flags, wordErrorRate: Math.round(wordErrorRate * 1000) / 1000 };
}
