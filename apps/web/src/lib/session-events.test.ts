import { describe, expect, it } from 'vitest';
import type { BeatView, SessionView, StudioEvent, TakeView } from './api.js';
import { applyEvent } from './session-events.js';
import type { ReviewBeat, ReviewSession } from './session-outline.js';

function take(id: string, beatId: string): TakeView {
  return {
    id,
    beatId,
    createdAt: new Date(0),
    durationMs: 1200,
    settings: [],
    timings: [],
    direction: null,
    provider: 'local',
    modelId: 'espeak',
    charactersBilled: 0,
    creditsPerCharacter: null,
    requestIds: [],
    continuity: [],
    voicedText: 'Hi.',
    voicesPreviousText: false,
    selected: false,
    audioUrl: `/audio/${id}`,
    decision: null,
    notes: [],
    qc: { status: 'pass', flags: [] },
  };
}

/** A progress of two beats, as the server counts it. */
function progress(counts: Partial<Record<BeatView['status'], number>>): SessionView['progress'] {
  const all = { pending: 0, queued: 0, generating: 0, ready: 0, failed: 0, stale: 0, ...counts };
  return {
    ...all,
    total: 2,
    active: all.queued + all.generating,
    fraction: all.ready / 2,
    reviewed: 0,
    approved: 0,
  };
}

/** Two beats; with `loaded`, their (empty) takes are on the page. */
function session(loaded = true): ReviewSession {
  const beat = (id: string): ReviewBeat => ({
    id,
    status: 'pending' as const,
    error: null,
    staleReason: null,
    selectedTakeId: null,
    beatKey: id,
    number: 1,
    name: id,
    review: 'unreviewed' as const,
    takeCount: 0,
    selectedDurationMs: 0,
    ...(loaded
      ? {
          position: 0,
          text: 'Hi.',
          parsed: {} as SessionView['beats'][number]['parsed'],
          takes: [] as TakeView[],
        }
      : {}),
  });
  return {
    id: 's',
    videoTitle: 'T',
    project: null,
    status: 'generating',
    charactersSpent: 0,
    dialogueMode: 'one_performance',
    budgetCredits: null,
    lastError: null,
    qcListening: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    progress: progress({ pending: 2 }),
    beats: [beat('b1'), beat('b2')],
    durationMs: 0,
  };
}

describe('applyEvent', () => {
  it('walks a generation to 100% from events alone', () => {
    const s = session();
    const beat = (id: string, status: 'generating' | 'ready', selectedTakeId: string | null) => ({
      type: 'beat' as const,
      beat: { id, status, error: null, staleReason: null, selectedTakeId },
    });
    const events: StudioEvent[] = [
      beat('b1', 'generating', null),
      beat('b2', 'generating', null),
      { type: 'take', take: take('t1', 'b1') },
      beat('b1', 'ready', 't1'),
      { type: 'progress', progress: progress({ generating: 1, ready: 1 }), charactersSpent: 3 },
      { type: 'take', take: take('t2', 'b2') },
      beat('b2', 'ready', 't2'),
      { type: 'progress', progress: progress({ ready: 2 }), charactersSpent: 6 },
      { type: 'session', status: 'in_progress', lastError: null, budgetCredits: null },
    ];
    for (const e of events) expect(applyEvent(s, e)).toBe('applied');
    expect(s.progress).toMatchObject({ ready: 2, total: 2, active: 0, fraction: 1 });
    expect(s.charactersSpent).toBe(6);
    expect(s.status).toBe('in_progress');
    expect(s.beats.map((b) => b.status)).toEqual(['ready', 'ready']);
    expect(s.beats[0]!.takes?.map((t) => t.id)).toEqual(['t1']);
    expect(s.beats[0]!.takes?.[0]!.selected).toBe(true);
    expect(s.beats.map((b) => b.selectedDurationMs)).toEqual([1200, 1200]);
    expect(s.durationMs).toBe(2400);
  });

  it('keeps beats whose takes are not loaded current: counts, durations, or asks to load', () => {
    const s = session(false);
    const ready = (selectedTakeId: string) => ({
      type: 'beat' as const,
      beat: { id: 'b1', status: 'ready' as const, error: null, staleReason: null, selectedTakeId },
    });
    expect(applyEvent(s, { type: 'take', take: take('t1', 'b1') })).toBe('applied');
    // A reconnection replays the event: counted once.
    expect(applyEvent(s, { type: 'take', take: take('t1', 'b1') })).toBe('applied');
    expect(applyEvent(s, ready('t1'))).toBe('applied');
    expect(s.beats[0]).toMatchObject({ takeCount: 1, selectedDurationMs: 1200 });
    expect(s.durationMs).toBe(1200);
    expect(s.beats[0]!.takes).toBeUndefined();
    // Selected elsewhere, a take this page never heard of: its duration is unknown.
    expect(applyEvent(s, ready('t0'))).toBe('load-beat');
  });

  it('shows the progress the server sent, not a count of its own', () => {
    const s = session();
    applyEvent(s, {
      type: 'beat',
      beat: { id: 'b1', status: 'ready', error: null, staleReason: null, selectedTakeId: null },
    });
    // The beat is ready, but until the server's progress event arrives the count is the server's.
    expect(s.progress).toEqual(progress({ pending: 2 }));
  });

  it('moves the selection flag when another take is selected', () => {
    const s = session();
    applyEvent(s, { type: 'take', take: take('t1', 'b1') });
    applyEvent(s, { type: 'take', take: take('t2', 'b1') });
    applyEvent(s, {
      type: 'beat',
      beat: { id: 'b1', status: 'ready', error: null, staleReason: null, selectedTakeId: 't2' },
    });
    expect(s.beats[0]!.takes?.map((t) => t.selected)).toEqual([false, true]);
  });

  it('does not duplicate a take delivered twice (reconnection replay)', () => {
    const s = session();
    applyEvent(s, { type: 'take', take: take('t1', 'b1') });
    applyEvent(s, { type: 'take', take: take('t1', 'b1') });
    expect(s.beats[0]!.takes).toHaveLength(1);
    expect(s.beats[0]!.takeCount).toBe(1);
  });

  it('records failures and session-wide stops', () => {
    const s = session();
    applyEvent(s, {
      type: 'beat',
      beat: {
        id: 'b2',
        status: 'failed',
        error: { code: 'timeout', message: 'Timed out' },
        staleReason: null,
        selectedTakeId: null,
      },
    });
    applyEvent(s, {
      type: 'session',
      status: 'in_progress',
      lastError: { code: 'quota_exceeded', message: 'Quota' },
      budgetCredits: null,
    });
    expect(s.beats[1]!.error?.message).toBe('Timed out');
    expect(s.status).toBe('in_progress');
    expect(s.lastError?.code).toBe('quota_exceeded');
  });

  it('keeps the progress and characters spent the server reports', () => {
    const s = session();
    const reported = progress({ generating: 1, ready: 1 });
    applyEvent(s, { type: 'progress', progress: reported, charactersSpent: 42 });
    expect(s.progress).toEqual(reported);
    expect(s.charactersSpent).toBe(42);
  });

  it('asks for a reload on re-imports, resyncs and unknown beats', () => {
    const s = session();
    expect(applyEvent(s, { type: 'script' })).toBe('reload');
    expect(applyEvent(s, { type: 'resync' })).toBe('reload');
    expect(applyEvent(s, 'resync')).toBe('reload');
    expect(
      applyEvent(s, {
        type: 'beat',
        beat: { id: 'nope', status: 'ready', error: null, staleReason: null, selectedTakeId: null },
      }),
    ).toBe('reload');
  });

  it('applies a review: the beat’s standing and each take’s decision and notes', () => {
    const s = session();
    s.beats[0]!.takes!.push(take('t1', 'b1'), take('t2', 'b1'));
    const decidedAt = new Date(0);
    const note = {
      id: 'n1',
      takeId: 't1',
      text: 'Stress it.',
      atMs: 1200,
      author: 'Ana',
      resolved: false,
      createdAt: decidedAt,
    };
    const outcome = applyEvent(s, {
      type: 'review',
      beatId: 'b1',
      review: 'needs_fix',
      takes: {
        t1: {
          decision: {
            decision: 'rejected',
            reason: 'pacing',
            noteId: 'n1',
            author: 'Ana',
            decidedAt,
          },
          notes: [note],
        },
        t2: { decision: null, notes: [] },
      },
    });
    expect(outcome).toBe('applied');
    expect(s.beats[0]!.review).toBe('needs_fix');
    expect(s.beats[0]!.takes!.map((t) => [t.decision?.reason ?? null, t.notes.length])).toEqual([
      ['pacing', 1],
      [null, 0],
    ]);
    expect(applyEvent(s, { type: 'review', beatId: 'gone', review: 'approved', takes: {} })).toBe(
      'reload',
    );
  });
});
