/**
 * Take QC end to end through the stand-in: faults the stand-in's voice makes on purpose are
 * found, the failing first take is voiced once more and the passing take selected, export
 * refuses a selected take that failed, and `qc.rerun` checks a take speech recognition missed.
 */
import { exportStorageKey, QC_THRESHOLDS } from '@studio/audio';
import { getTake, setTakeQc } from '@studio/db';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { expectError } from './support/errors.js';
import { script } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);

const source = script([
  { id: 'b1', body: 'Back in my day we had three jobs and a house.' },
  { id: 'b2', body: 'Now the rent eats everything I earn.' },
  { id: 'b3', body: 'And the chips bag is half air.' },
  { id: 'b4', body: 'Quarter point, said the man at the podium.' },
]);

let standIn: ElevenLabsStandIn;
let test: TestStudio;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  test = await createTestStudio({ standIn });
  test.studio.worker.start();
  caller = createCaller({ ...test.studio.services, requestId: 'take-qc-test' });
});
afterAll(async () => {
  await test.close();
  await standIn.close();
});

const codes = (take: { qc: { flags: { code: string }[] } } | undefined) =>
  take?.qc.flags.map((flag) => flag.code);

describe('take QC through the stand-in', () => {
  it('flags the faults, retries each failing first take once and selects the passing one; export refuses a flagged selection', async () => {
    const session = await caller.sessions.create({ source });
    const estimate = await caller.sessions.estimate({ sessionId: session.id });
    expect(estimate.qc).toMatchObject({ listening: true, autoRegenerate: true });
    expect(estimate.qc.retryCharacters).toBe(estimate.characters);
    expect(estimate.qc.transcriptionMinutes).toBeGreaterThan(0);

    standIn.injectVoiceFault({ kind: 'skip', word: 'three' });
    standIn.injectVoiceFault({ kind: 'add', word: 'basically', after: 'rent' });
    standIn.injectVoiceFault({ kind: 'cut', ms: 250 }, { when: 'chips' });
    standIn.injectVoiceFault({ kind: 'clip' }, { when: 'podium' });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();

    const voiced = await caller.sessions.get({ sessionId: session.id });
    const [b1, b2, b3, b4] = voiced.beats;
    for (const beat of voiced.beats) {
      expect(beat.takes).toHaveLength(2);
      expect(beat.takes[0]?.qc.status).toBe('fail');
      expect(beat.takes[1]?.qc).toMatchObject({ status: 'pass', flags: [], wordErrorRate: 0 });
      expect(beat.selectedTakeId).toBe(beat.takes[1]?.id);
      expect(beat.takes[0]?.qc).not.toHaveProperty('stats');
    }
    expect(codes(b1?.takes[0])).toEqual(['missing_words']);
    expect(b1?.takes[0]?.qc.flags[0]?.words?.map((w) => w.text)).toEqual(['three']);
    expect(codes(b2?.takes[0])).toEqual(['extra_words']);
    expect(b2?.takes[0]?.qc.flags[0]).toMatchObject({
      lineIndex: 0,
      words: [{ text: 'basically' }],
    });
    expect(codes(b3?.takes[0])).toEqual(['truncated', 'missing_words']);
    expect(codes(b4?.takes[0])).toEqual(['clipping']);
    expect(b1?.takes[0]?.qc.transcript).toBe('Back in my day we had jobs and a house.');

    // The director picks the flagged take of b1: export refuses it unless told otherwise.
    const flagged = b1?.takes[0]?.id ?? '';
    await caller.takes.select({ beatId: b1?.id ?? '', takeId: flagged });
    await expectError(
      caller.exports.create({ sessionId: session.id }),
      'PRECONDITION_FAILED',
      'FLAGGED_TAKES',
    );
    const done = await caller.exports.create({ sessionId: session.id, allowFlagged: true });
    expect(done.status).toBe('ready');
    const manifest = JSON.parse(
      (
        await test.studio.services.storage.get(exportStorageKey(done.id, 'manifest.json'))
      ).toString(),
    ) as { beats: { beatKey: string; qc: { status: string; flags: string[] } }[] };
    expect(manifest.beats.map((beat) => [beat.beatKey, beat.qc])).toEqual([
      ['b1', { status: 'fail', flags: ['missing_words'] }],
      ['b2', { status: 'pass', flags: [] }],
      ['b3', { status: 'pass', flags: [] }],
      ['b4', { status: 'pass', flags: [] }],
    ]);
  });

  it('keeps a take speech recognition could not check, and checks it on qc.rerun', async () => {
    const session = await caller.sessions.create({
      source: script([{ id: 'r1', body: 'The committee has decided to lower the rate.' }]),
    });
    standIn.setTranscriptionFailure(503);
    try {
      await caller.generation.start({ sessionId: session.id });
      await test.studio.worker.idle();
    } finally {
      standIn.setTranscriptionFailure(null);
    }
    const [beat] = (await caller.sessions.get({ sessionId: session.id })).beats;
    const take = beat?.takes[0];
    expect(beat?.takes).toHaveLength(1);
    expect(beat?.selectedTakeId).toBe(take?.id);
    expect(take?.qc).toMatchObject({ status: 'not_checked', flags: [] });
    expect(take?.qc.reason).toMatch(/server/);

    // The stored MP3, decoded, is what speech recognition hears this time.
    const rerun = await caller.qc.rerun({ takeId: take?.id ?? '' });
    expect(rerun.qc).toMatchObject({ status: 'pass', flags: [], wordErrorRate: 0 });
    expect(rerun.qc.transcript).toBe('The committee has decided to lower the rate.');
    const [after] = (await caller.sessions.get({ sessionId: session.id })).beats;
    expect(after?.takes[0]?.qc.status).toBe('pass');
  });

  it('a session can turn listening off: signal checks only, nothing transcribed', async () => {
    const session = await caller.sessions.create({
      source: script([{ id: 'q1', body: 'Raccoon not know what point is.' }]),
    });
    await caller.qc.setListening({ sessionId: session.id, listening: false });
    expect((await caller.sessions.estimate({ sessionId: session.id })).qc).toMatchObject({
      listening: false,
      transcriptionMinutes: 0,
    });
    const before = standIn.counters.transcribed;
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    const [beat] = (await caller.sessions.get({ sessionId: session.id })).beats;
    expect(beat?.takes[0]?.qc).toEqual({ status: 'pass', flags: [] });
    expect(standIn.counters.transcribed).toBe(before);
  });

  it('qc.rerun compares a take with the rest of the session: loudness and rate outliers', async () => {
    const session = await caller.sessions.create({
      source: script(
        [
          'The committee met on Tuesday.',
          'Rates went up again.',
          'Nobody in the room was surprised.',
          'The chips bag is half air.',
          'Back in my day we had a house.',
          'Now the rent eats it all.',
        ].map((body, i) => ({ id: `s${i}`, body })),
      ),
    });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    const beats = (await caller.sessions.get({ sessionId: session.id })).beats;
    const takes = beats.map((beat) => beat.takes[0]!);
    for (const take of takes) expect(take.qc).toMatchObject({ status: 'pass', flags: [] });

    // One take as if it had been voiced far quieter and three times slower than the others.
    const odd = takes[2]!;
    const stats = (await getTake(test.studio.services.db, odd.id))!.qc.stats!;
    expect(stats.lines).toHaveLength(1);
    await setTakeQc(test.studio.services.db, odd.id, {
      ...odd.qc,
      stats: {
        speechDb: stats.speechDb! - QC_THRESHOLDS.loudnessDb - 6,
        lines: stats.lines.map((line) => ({ ...line, msPerChar: line.msPerChar * 3 })),
      },
    });
    const rerun = await caller.qc.rerun({ takeId: odd.id });
    expect(rerun.qc.status).toBe('warn');
    expect(rerun.qc.flags).toMatchObject([
      { code: 'rate_outlier', lineIndex: 0 },
      { code: 'loudness_outlier' },
    ]);
    // The others stay within the session's spread, the outlier among them.
    expect((await caller.qc.rerun({ takeId: takes[0]!.id })).qc.flags).toEqual([]);
  });

  it('refuses to rerun QC of a take that does not exist', async () => {
    await expectError(
      caller.qc.rerun({ takeId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
      'TAKE_NOT_FOUND',
    );
  });
});
