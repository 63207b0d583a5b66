import { describe, expect, it } from 'vitest';
import type { BeatView, SessionOutlineView, TakeView } from './api.js';
import {
  isLoaded,
  loadBeat,
  outlinePlaylist,
  reviewSession,
  setSelection,
} from './session-outline.js';

function outline(): SessionOutlineView {
  return {
    id: 's',
    videoTitle: 'T',
    project: null,
    status: 'in_progress',
    charactersSpent: 0,
    dialogueMode: 'one_performance',
    budgetCredits: null,
    qcListening: null,
    lastError: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    progress: {
      pending: 1,
      queued: 0,
      generating: 0,
      ready: 1,
      failed: 1,
      stale: 0,
      total: 3,
      active: 0,
      fraction: 1 / 3,
      reviewed: 0,
      approved: 0,
    },
    beats: {
      ids: ['b1', 'b2', 'b3'],
      beatKeys: ['01_a', '02_b', '03_c'],
      numbers: [1, 2, 3],
      names: ['A', 'B', 'C'],
      statuses: ['ready', 'failed', 'pending'],
      selectedTakeIds: ['t1', null, null],
      takeCounts: [2, 0, 0],
      selectedDurationsMs: [1500, 0, 0],
      reviews: ['unreviewed', 'unreviewed', 'unreviewed'],
      problems: { b2: { error: { code: 'timeout', message: 'Timed out' }, staleReason: null } },
    },
  };
}

function take(id: string, durationMs: number, selected: boolean): TakeView {
  return {
    id,
    beatId: 'b1',
    createdAt: new Date(0),
    durationMs,
    settings: [],
    timings: [],
    direction: null,
    provider: 'local',
    modelId: 'espeak',
    charactersBilled: 0,
    requestIds: [],
    creditsPerCharacter: null,
    continuity: [],
    voicedText: 'Hi.',
    voicesPreviousText: false,
    selected,
    audioUrl: `/audio/${id}?v=1`,
    qc: { status: 'pass', flags: [] },
    decision: null,
    notes: [],
  };
}

describe('the review outline', () => {
  it('turns the columns into one entry per beat, problems included', () => {
    const session = reviewSession(outline());
    expect(session.beats.map((b) => [b.beatKey, b.status, b.selectedTakeId])).toEqual([
      ['01_a', 'ready', 't1'],
      ['02_b', 'failed', null],
      ['03_c', 'pending', null],
    ]);
    expect(session.beats[1]!.error?.code).toBe('timeout');
    expect(session.beats.some(isLoaded)).toBe(false);
    expect(session.durationMs).toBe(1500);
  });

  it('plays the whole session from the outline, loaded beats with their own URLs', () => {
    const session = reviewSession(outline());
    expect(outlinePlaylist(session.beats)).toEqual([
      { beatId: 'b1', takeId: 't1', url: '/audio/t1' },
    ]);
    const view = {
      ...session.beats[0]!,
      position: 0,
      text: 'Hi.',
      parsed: {} as BeatView['parsed'],
      takes: [take('t1', 1500, true), take('t2', 900, false)],
    };
    loadBeat(session, session.beats[0]!, view);
    expect(outlinePlaylist(session.beats)[0]?.url).toBe('/audio/t1?v=1');
  });

  it('moves the selection and the duration of a loaded beat', () => {
    const session = reviewSession(outline());
    const beat = session.beats[0]!;
    loadBeat(session, beat, {
      ...beat,
      position: 0,
      text: 'Hi.',
      parsed: {} as BeatView['parsed'],
      takes: [take('t1', 1500, true), take('t2', 900, false)],
    });
    expect(setSelection(session, beat, 't2')).toBe(true);
    expect(beat.takes?.map((t) => t.selected)).toEqual([false, true]);
    expect([beat.selectedDurationMs, session.durationMs]).toEqual([900, 900]);
    // Not loaded and never heard of: the caller has to fetch the beat.
    expect(setSelection(session, session.beats[1]!, 'tx')).toBe(false);
    expect(setSelection(session, session.beats[2]!, null)).toBe(true);
    expect(session.durationMs).toBe(900);
  });

  it('keeps the total duration with a beat loaded fresher than the outline', () => {
    const session = reviewSession(outline());
    const beat = session.beats[1]!;
    // Selected since the outline was read: the beat's view knows the take.
    loadBeat(session, beat, {
      ...beat,
      selectedTakeId: 't3',
      position: 1,
      text: 'Hi.',
      parsed: {} as BeatView['parsed'],
      takes: [{ ...take('t3', 700, true), beatId: 'b2' }],
    });
    expect([beat.selectedDurationMs, session.durationMs]).toEqual([700, 2200]);
    expect(setSelection(session, session.beats[0]!, null)).toBe(true);
    expect(session.durationMs).toBe(700);
  });
});
