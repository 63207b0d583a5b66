import { describe, expect, it } from 'vitest';
import {
  markersOf,
  matchesFilter,
  nextUnreviewed,
  rejectionToAnswer,
  reviewTarget,
  type ReviewedBeatLike,
  type ReviewedTakeLike,
} from './review-model.js';

const note = (id: string, atMs: number | null, resolved = false) => ({
  id,
  text: `note ${id}`,
  atMs,
  author: 'Ana',
  resolved,
});

function take(
  id: string,
  decision: 'approved' | 'rejected' | null = null,
  notes: ReviewedTakeLike['notes'] = [],
): ReviewedTakeLike {
  return {
    id,
    decision:
      decision === null
        ? null
        : {
            decision,
            reason: decision === 'rejected' ? 'pacing' : null,
            noteId: notes[0]?.id ?? null,
          },
    notes,
  };
}

function beat(
  review: ReviewedBeatLike['review'],
  takes: ReviewedTakeLike[],
  selectedTakeId = takes[0]?.id ?? null,
): ReviewedBeatLike {
  return { review, takes, selectedTakeId };
}

describe('review model', () => {
  const fresh = beat('unreviewed', [take('a')]);
  const fixing = beat('needs_fix', [take('b', 'rejected'), take('c')]);
  const fixed = beat('needs_fix', [take('d', 'rejected')]);
  const approved = beat('approved', [take('e', 'approved'), take('f')]);
  const empty = beat('unreviewed', []);
  const beats = [fresh, fixing, fixed, approved, empty];

  it('filters: needs review, rejected, approved', () => {
    const pick = (filter: Parameters<typeof matchesFilter>[1]) =>
      beats.map((b) => matchesFilter(b, filter));
    expect(pick('needs-review')).toEqual([true, true, false, false, false]);
    expect(pick('rejected')).toEqual([false, true, true, false, false]);
    expect(pick('approved')).toEqual([false, false, false, true, false]);
    expect(pick('all')).toEqual([true, true, true, true, true]);
  });

  it('finds the next beat that needs review, wrapping around', () => {
    expect(nextUnreviewed(beats, null)).toBe(0);
    expect(nextUnreviewed(beats, 0)).toBe(1);
    expect(nextUnreviewed(beats, 1)).toBe(0);
    expect(nextUnreviewed([approved, fixed], 0)).toBeNull();
  });

  it('acts on the playing take, else the newest undecided, else the selected', () => {
    expect(reviewTarget(fixing, 'b')?.id).toBe('b');
    expect(reviewTarget(fixing, null)?.id).toBe('c');
    expect(reviewTarget(fixed, null)?.id).toBe('d');
    expect(reviewTarget(empty, null)).toBeNull();
  });

  it('hands the Revise panel the rejection to answer, with its note', () => {
    const withNote = beat('needs_fix', [take('g', 'rejected', [note('n1', 1200)]), take('h')]);
    expect(rejectionToAnswer(withNote)).toEqual({
      takeNumber: 1,
      reason: 'pacing',
      note: note('n1', 1200),
    });
    expect(rejectionToAnswer(approved)).toBeNull();
  });

  it('puts unresolved timed notes on the waveform', () => {
    expect(markersOf([note('1', 500), note('2', null), note('3', 900, true)])).toEqual([
      { id: '1', atMs: 500, text: 'note 1' },
    ]);
  });
});
