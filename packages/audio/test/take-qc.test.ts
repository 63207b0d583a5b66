import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createElevenLabsProvider,
  createElevenLabsTranscriber,
  createLocalStorage,
  renderTake,
  type RenderTakeInput,
} from '../src/index.js';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '../src/testing/index.js';
import { beatOf, PROFILES, tempDir } from './helpers.js';

// Two segments (two characters), written pauses, numbers to normalise.
const beat = beatOf(`[BEAT: 01_hook]
name: Hook
---
[CHARACTER: boomer]
Back in my day we had 3 jobs and a house.
[PAUSE: 400ms]
[CHARACTER: wojak]
Now the rent eats everything I earn.
[PAUSE: 600ms]
[END_BEAT]`);

let standIn: ElevenLabsStandIn;
let dir: Awaited<ReturnType<typeof tempDir>>;
let base: Omit<RenderTakeInput, 'takeId'>;
let n = 0;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  dir = await tempDir();
  const storage = createLocalStorage(dir.path);
  base = {
    beat,
    profiles: PROFILES,
    provider: createElevenLabsProvider({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl }),
    transcriber: createElevenLabsTranscriber({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl }),
    storage,
    sessionId: 'session1',
    regenerate: true,
  };
});
beforeEach(() => standIn.setTranscriptionFailure(null));
afterAll(async () => {
  await standIn.close();
  await dir.cleanup();
});

const render = () => renderTake({ ...base, takeId: `take${++n}` });

describe('take QC through the stand-in', () => {
  it('passes a clean take, transcribed through the SDK with the real request shape', async () => {
    const { qc } = await render();
    expect(qc.flags).toEqual([]);
    expect(qc.status).toBe('pass');
    expect(qc.wordErrorRate).toBe(0);
    expect(qc.transcript).toBe(
      'Back in my day we had 3 jobs and a house. Now the rent eats everything I earn.',
    );
    const request = standIn.requests.at(-1);
    expect(request?.path).toBe('/v1/speech-to-text');
    expect(request?.body).toMatchObject({
      model_id: 'scribe_v1',
      timestamps_granularity: 'word',
      file: { filename: 'take.wav' },
    });
  });

  it('finds a skipped word, with the line and where it should have been', async () => {
    standIn.injectVoiceFault({ kind: 'skip', word: 'rent' });
    const { qc, take } = await render();
    expect(qc.status).toBe('fail');
    const flag = qc.flags.find((f) => f.code === 'missing_words');
    expect(flag).toMatchObject({ severity: 'fail', lineIndex: 1 });
    expect(flag?.words?.map((w) => w.text)).toEqual(['rent']);
    const line = take.timings[1];
    expect(flag?.startMs).toBeGreaterThanOrEqual(line?.startMs ?? Infinity);
    expect(flag?.startMs).toBeLessThanOrEqual(line?.endMs ?? -1);
    expect(qc.wordErrorRate).toBeGreaterThan(0);
  });

  it('finds an added word', async () => {
    standIn.injectVoiceFault({ kind: 'add', word: 'basically', after: 'house' });
    const { qc } = await render();
    const flag = qc.flags.find((f) => f.code === 'extra_words');
    expect(flag).toMatchObject({ severity: 'fail', lineIndex: 0 });
    expect(flag?.words?.map((w) => w.text)).toEqual(['basically']);
  });

  it('finds a cut end: the alignment runs past the audio and the last word is not heard', async () => {
    standIn.injectVoiceFault({ kind: 'cut', ms: 200 }, { when: 'rent' });
    const { qc, take } = await render();
    const truncated = qc.flags.find((f) => f.code === 'truncated');
    expect(truncated).toMatchObject({
      severity: 'fail',
      lineIndex: 1,
      startMs: take.timings[1]?.startMs,
    });
    expect(qc.flags.find((f) => f.code === 'missing_words')?.words?.map((w) => w.text)).toEqual([
      'earn',
    ]);
  });

  it('finds clipping inside the segment that clipped', async () => {
    standIn.injectVoiceFault({ kind: 'clip' }, { when: 'Back' });
    const { qc, take } = await render();
    const clipping = qc.flags.filter((f) => f.code === 'clipping');
    expect(clipping).toHaveLength(1);
    expect(clipping[0]).toMatchObject({ severity: 'fail', lineIndex: 0 });
    expect(clipping[0]?.startMs).toBeGreaterThan(take.timings[0]?.startMs ?? Infinity);
    expect(clipping[0]?.endMs).toBeLessThan(take.timings[0]?.endMs ?? -1);
  });

  it('keeps the take when speech recognition fails: not_checked with the reason', async () => {
    standIn.setTranscriptionFailure(500);
    const { qc, take } = await render();
    expect(take.durationMs).toBeGreaterThan(0);
    expect(qc.status).toBe('not_checked');
    expect(qc.reason).toMatch(/server/);
    expect(qc.transcript).toBeUndefined();
  });
});
