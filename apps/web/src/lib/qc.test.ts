import { describe, expect, it } from 'vitest';
import type { BeatView } from './api.js';
import { earsFirst, highlightLine, qcMarks, type TakeQc } from './qc.js';

const beat = (id: string, statuses: TakeQc['status'][]) =>
  ({ id, takes: statuses.map((status) => ({ qc: { status, flags: [] } })) }) as unknown as BeatView;

describe('take QC on the review page', () => {
  it('"Needs ears": beats with a flagged take, worst first, in script order within', () => {
    const beats = [
      beat('a', ['pass']),
      beat('b', ['warn']),
      beat('c', ['pass', 'fail']),
      beat('d', ['not_checked']),
      beat('e', ['fail']),
    ];
    expect(earsFirst(beats).map(({ beat, index }) => [beat.id, index])).toEqual([
      ['c', 2],
      ['e', 4],
      ['b', 1],
      ['d', 3],
    ]);
  });

  it('marks flagged spans in percent of the take', () => {
    const qc: TakeQc = {
      status: 'fail',
      flags: [
        { code: 'clipping', severity: 'fail', startMs: 1000, endMs: 1500, message: '' },
        { code: 'loudness_outlier', severity: 'warn', message: '' },
      ],
    };
    expect(qcMarks(qc, 4000)).toEqual([
      { left: 25, width: 12.5, severity: 'fail', title: 'clipping: ' },
    ]);
  });

  it('picks out flagged words in the line, and adds words heard but not written', () => {
    const segments = highlightLine('Now the rent eats it.', [
      {
        code: 'missing_words',
        severity: 'fail',
        message: '',
        words: [{ text: 'rent', startMs: 400, endMs: 450 }],
      },
      {
        code: 'extra_words',
        severity: 'fail',
        message: '',
        words: [{ text: 'basically', startMs: 900, endMs: 1300 }],
      },
    ]);
    expect(
      segments.filter((s) => s.kind === 'word').map((s) => [s.text, s.word.startMs, s.added]),
    ).toEqual([
      ['rent', 400, false],
      ['+basically', 900, true],
    ]);
    expect(segments.map((s) => (s.kind === 'text' ? s.text : '')).join('')).toContain('Now the ');
  });
});
