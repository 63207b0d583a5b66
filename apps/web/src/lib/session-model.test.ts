import { describe, expect, it } from 'vitest';
import {
  currentTake,
  describeContinuity,
  describeSettings,
  reviseDefaults,
  selectedDurationMs,
  stepIndex,
  type BeatLike,
  type BeatStatus,
  type TakeLike,
} from './session-model.js';

const settings = {
  character: 'every-coon',
  voiceId: 'v',
  modelId: 'eleven_multilingual_v2',
  stability: 0.35,
  similarityBoost: 0.75,
  style: 0.45,
  speed: 1.15,
};

function take(id: string, durationMs: number): TakeLike {
  return {
    id,
    durationMs,
    createdAt: new Date(0),
    settings: [settings],
    direction: null,
  };
}

function beat(
  id: string,
  status: BeatStatus,
  takes: TakeLike[],
  selectedTakeId: string | null = null,
): BeatLike {
  return { id, status, text: 'Hello.', takes, selectedTakeId };
}

describe('takes of a beat', () => {
  it('sums the selected takes only', () => {
    const beats = [
      beat('a', 'ready', [take('t1', 1000), take('t2', 2500)], 't2'),
      beat('b', 'ready', [take('t3', 4000)]),
    ];
    expect(selectedDurationMs(beats)).toBe(2500);
  });

  it('plays the selected take, else the newest', () => {
    expect(currentTake(beat('a', 'ready', [take('t1', 1), take('t2', 2)], 't1'))?.id).toBe('t1');
    expect(currentTake(beat('a', 'ready', [take('t1', 1), take('t2', 2)]))?.id).toBe('t2');
    expect(currentTake(beat('a', 'pending', []))).toBeNull();
  });
});

describe('reviseDefaults', () => {
  it('prefills from the current take', () => {
    const b = {
      ...beat('a', 'ready', [{ ...take('t1', 1), direction: 'Softer' }], 't1'),
      parsed: { primaryDirection: 'Punchy', primaryPace: 'fast' },
    };
    expect(reviseDefaults(b)).toEqual({
      direction: 'Softer',
      pace: 'fast',
      stability: 0.35,
      style: 0.45,
      similarityBoost: 0.75,
    });
  });
  it('falls back to the script and the voice defaults without takes', () => {
    const b = {
      ...beat('a', 'pending', []),
      parsed: { primaryDirection: null, primaryPace: 'normal' },
    };
    expect(reviseDefaults(b, { stability: 0.4, style: 0.1, similarityBoost: 0.8 })).toEqual({
      direction: '',
      pace: 'normal',
      stability: 0.4,
      style: 0.1,
      similarityBoost: 0.8,
    });
  });
});

describe('describeSettings and stepIndex', () => {
  it('summarises settings', () => {
    expect(describeSettings([settings])).toBe(
      'stability 0.35 · similarity 0.75 · style 0.45 · speed ×1.15 · eleven_multilingual_v2',
    );
    expect(describeSettings([settings, { ...settings, character: 'boomer' }])).toContain(
      '(+1 voice)',
    );
    const snapped = { ...settings, modelId: 'eleven_v3', stability: 0.5, requestedStability: 0.35 };
    expect(describeSettings([snapped])).toContain('stability 0.50 (snapped from 0.35');
  });
  it('names how the requests of a take were tied together', () => {
    const segment = { previous: 'none', next: 'none', dialogue: false };
    expect(describeContinuity([])).toBe('');
    expect(describeContinuity([segment, { ...segment, previous: 'text' }])).toBe(
      'stitched by text',
    );
    expect(
      describeContinuity([
        { ...segment, next: 'text' },
        { ...segment, previous: 'request_ids' },
      ]),
    ).toBe('stitched by request ids');
    expect(describeContinuity([{ ...segment, dialogue: true }])).toBe('one performance');
  });
  it('moves within bounds', () => {
    expect(stepIndex(null, 1, 3)).toBe(0);
    expect(stepIndex(null, -1, 3)).toBe(2);
    expect(stepIndex(2, 1, 3)).toBe(2);
    expect(stepIndex(0, -1, 3)).toBe(0);
    expect(stepIndex(1, 1, 0)).toBeNull();
  });
});
