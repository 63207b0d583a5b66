import { describe, expect, it } from 'vitest';
import { formatTakeTime, toNotesReport } from '../src/index.js';

describe('notes report', () => {
  it('formats times in a take as m:ss.s', () => {
    expect([0, 2400, 59_960, 61_000, 754_321].map(formatTakeTime)).toEqual([
      '0:00.0',
      '0:02.4',
      '1:00.0',
      '1:01.0',
      '12:34.3',
    ]);
  });

  it('writes one row per note, keeps each on one line, and says when there is nothing', () => {
    const report = toNotesReport('Title', [
      {
        beatKey: 'b1',
        name: 'One',
        reviews: [
          {
            takeId: 't',
            takeNumber: 3,
            decision: 'rejected',
            reason: 'glitch',
            notes: [
              { text: 'Click\nat end', atMs: null, author: 'A', resolved: true },
              { text: 'Breath', atMs: 500, author: 'B', resolved: false },
            ],
          },
        ],
      },
    ]);
    expect(report.split('\n').filter((l) => l.startsWith('| b1'))).toEqual([
      '| b1 | 3 |  | rejected | glitch | Click at end (resolved) | A |',
      '| b1 | 3 | 0:00.5 | rejected | glitch | Breath | B |',
    ]);
    expect(toNotesReport('Empty', [])).toContain('No decisions or notes yet.');
  });
});
