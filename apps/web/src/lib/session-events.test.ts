import { describe, expect, it } from 'vitest';
import type { SessionView, StudioEvent, TakeView } from './api.js';
import { applyEvent } from './session-events.js';
import { progressOf } from './session-model.js';

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
    requestIds: [],
    voicedText: 'Hi.',
    voicesPreviousText: false,
    selected: false,
    audioUrl: `/audio/${id}`,
  };
}

function session(): SessionView {
  const beat = (id: string) => ({
    id,
    status: 'pending' as const,
    error: null,
    staleReason: null,
    selectedTakeId: null,
    beatKey: id,
    number: 1,
    name: id,
    position: 0,
    text: 'Hi.',
    parsed: {} as SessionView['beats'][number]['parsed'],
    takes: [] as TakeView[],
  });
  return {
    id: 's',
    videoTitle: 'T',
    project: null,
    status: 'generating',
    sourceEls: '',
    charactersSpent: 0,
    lastError: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    progress: {
      pending: 2,
      queued: 0,
      generating: 0,
      ready: 0,
      failed: 0,
      stale: 0,
      total: 2,
      fraction: 0,
    },
    beats: [beat('b1'), beat('b2')],
  };
}

describe('applyEvent', () => {
  it('walks a generation to 100% from events alone', () => {
    const s = session();
    const events: StudioEvent[] = [
      {
        type: 'beat',
        beat: {
          id: 'b1',
          status: 'generating',
          error: null,
          staleReason: null,
          selectedTakeId: null,
        },
      },
      { type: 'take', take: take('t1', 'b1') },
      {
        type: 'beat',
        beat: { id: 'b1', status: 'ready', error: null, staleReason: null, selectedTakeId: 't1' },
      },
      {
        type: 'beat',
        beat: { id: 'b2', status: 'ready', error: null, staleReason: null, selectedTakeId: null },
      },
    ];
    for (const e of events) expect(applyEvent(s, e)).toBe('applied');
    expect(progressOf(s.beats).fraction).toBe(1);
    expect(s.beats[0]!.takes.map((t) => t.id)).toEqual(['t1']);
    expect(s.beats[0]!.takes[0]!.selected).toBe(true);
  });

  it('moves the selection flag when another take is selected', () => {
    const s = session();
    applyEvent(s, { type: 'take', take: take('t1', 'b1') });
    applyEvent(s, { type: 'take', take: take('t2', 'b1') });
    applyEvent(s, {
      type: 'beat',
      beat: { id: 'b1', status: 'ready', error: null, staleReason: null, selectedTakeId: 't2' },
    });
    expect(s.beats[0]!.takes.map((t) => t.selected)).toEqual([false, true]);
  });

  it('does not duplicate a take delivered twice (reconnection replay)', () => {
    const s = session();
    applyEvent(s, { type: 'take', take: take('t1', 'b1') });
    applyEvent(s, { type: 'take', take: take('t1', 'b1') });
    expect(s.beats[0]!.takes).toHaveLength(1);
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
    });
    expect(s.beats[1]!.error?.message).toBe('Timed out');
    expect(s.status).toBe('in_progress');
    expect(s.lastError?.code).toBe('quota_exceeded');
  });

  it('keeps the progress and characters spent the server reports', () => {
    const s = session();
    const progress = {
      pending: 0,
      queued: 0,
      generating: 1,
      ready: 1,
      failed: 0,
      stale: 0,
      total: 2,
      fraction: 0.5,
    };
    applyEvent(s, { type: 'progress', progress, charactersSpent: 42 });
    expect(s.progress).toEqual(progress);
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
});
