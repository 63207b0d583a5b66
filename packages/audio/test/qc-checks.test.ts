import { describe, expect, it } from 'vitest';
import {
  checkTranscript,
  QC_THRESHOLDS,
  qcStatusOf,
  sessionChecks,
  signalChecks,
  spokenWords,
  type LineTiming,
  type QcStats,
} from '../src/index.js';
import { normsOf } from './helpers.js';

const RATE = 24_000;
const samples = (ms: number) => Math.round((ms * RATE) / 1000);

/** A 200 Hz sine at `amplitude`, `ms` long: speech enough for the energy checks. */
function sine(ms: number, amplitude = 8000): Int16Array {
  const out = new Int16Array(samples(ms));
  for (let i = 0; i < out.length; i++) {
    const value = amplitude * Math.sin((2 * Math.PI * 200 * i) / RATE);
    out[i] = Math.max(-32_768, Math.min(32_767, Math.round(value)));
  }
  return out;
}

/** Pieces end to end: sines where speech is, zeros where silence is. */
function take(...pieces: Int16Array[]): Int16Array {
  const out = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** Fades the last `ms` of a piece to zero, as a voice ends. */
function dyingAway(pcm: Int16Array, ms: number): Int16Array {
  const n = samples(ms);
  for (let i = 0; i < n; i++) {
    const at = pcm.length - n + i;
    pcm[at] = Math.round((pcm[at] ?? 0) * (1 - i / n));
  }
  return pcm;
}

const line = (lineIndex: number, startMs: number, endMs: number, pauseAfterMs = 0): LineTiming => ({
  lineIndex,
  character: 'boomer',
  text: 'Back in my day the chips were full.',
  startMs,
  endMs,
  pauseAfterMs,
});

const end = (lineIndex: number, cutMs: number, overrunMs = 0, audioContinues = false) => ({
  lineIndex,
  cutMs,
  overrunMs,
  audioContinues,
});

describe('signal checks on synthetic PCM', () => {
  it('passes clean speech: no flag', () => {
    const pcm = take(dyingAway(sine(1000), 60), new Int16Array(samples(400)));
    const result = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 1000, 400)],
      segmentEnds: [end(0, 1000)],
    });
    expect(result.flags).toEqual([]);
    expect(result.stats.lines).toEqual([
      { lineIndex: 0, character: 'boomer', msPerChar: 1000 / 35 },
    ]);
  });

  it('clipping: a clipped stretch of a sine, with its span', () => {
    const pcm = take(
      sine(500),
      sine(100, 60_000), // driven past full scale: flat tops at ±32 767
      dyingAway(sine(400), 60),
    );
    const { flags } = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 1000)],
      segmentEnds: [end(0, 1000)],
    });
    expect(flags.map((f) => f.code)).toEqual(['clipping']);
    expect(flags[0]).toMatchObject({ severity: 'fail', lineIndex: 0 });
    expect(Math.abs((flags[0]?.startMs ?? 0) - 500)).toBeLessThanOrEqual(2);
    expect(Math.abs((flags[0]?.endMs ?? 0) - 600)).toBeLessThanOrEqual(2);
  });

  it('dropout: a gap over 700 ms inside a line, with its span', () => {
    const pcm = take(sine(1000), new Int16Array(samples(900)), dyingAway(sine(1000), 60));
    const { flags } = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 2900)],
      segmentEnds: [end(0, 2900)],
    });
    expect(flags).toMatchObject([
      { code: 'dropout', severity: 'fail', lineIndex: 0, startMs: 1000, endMs: 1900 },
    ]);
  });

  it('no dropout for a shorter silence', () => {
    const pcm = take(sine(1000), new Int16Array(samples(600)), dyingAway(sine(1000), 60));
    const { flags } = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 2600)],
      segmentEnds: [end(0, 2600)],
    });
    expect(flags).toEqual([]);
  });

  it('truncated: the alignment runs past the end of the audio (fail)', () => {
    const pcm = dyingAway(sine(1000), 60);
    const { flags } = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 1000)],
      segmentEnds: [end(0, 1000, 180)],
    });
    expect(flags).toMatchObject([
      { code: 'truncated', severity: 'fail', lineIndex: 0, startMs: 0, endMs: 1000 },
    ]);
  });

  it('truncated: speech at full level right up to a cut inside the audio (warn)', () => {
    const { flags } = signalChecks({
      pcm: sine(1000),
      sampleRate: RATE,
      timings: [line(0, 0, 1000)],
      segmentEnds: [end(0, 1000, 0, true)],
    });
    expect(flags).toMatchObject([
      { code: 'truncated', severity: 'warn', lineIndex: 0, startMs: 0, endMs: 1000 },
    ]);
  });

  it('pause_mismatch: a written 400 ms pause with 200 ms of silence in the audio', () => {
    const pcm = take(
      dyingAway(sine(800), 60),
      new Int16Array(samples(200)),
      dyingAway(sine(800), 60),
    );
    const { flags } = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 800, 400), line(1, 1000, 1800)],
      segmentEnds: [end(0, 800), end(1, 1800)],
    });
    expect(flags).toMatchObject([
      { code: 'pause_mismatch', severity: 'warn', lineIndex: 0, startMs: 800, endMs: 1000 },
    ]);
  });

  it('finds a written pause within ±30 ms', () => {
    const pcm = take(
      dyingAway(sine(800), 60),
      new Int16Array(samples(420)),
      dyingAway(sine(800), 60),
    );
    const { flags } = signalChecks({
      pcm,
      sampleRate: RATE,
      timings: [line(0, 0, 800, 400), line(1, 1220, 2020)],
      segmentEnds: [end(0, 800), end(1, 2020)],
    });
    expect(flags).toEqual([]);
  });
});

describe('session checks', () => {
  const stats = (msPerChar: number, speechDb = -18): QcStats => ({
    speechDb,
    lines: [{ lineIndex: 0, character: 'boomer', msPerChar }],
  });
  const others = [60, 62, 58, 61, 59].map((rate) => stats(rate));

  it('rate_outlier: a line stretched to three times the voice’s median, with its span', () => {
    const flags = sessionChecks({
      stats: stats(180),
      timings: [line(0, 100, 6400)],
      directions: [null],
      norms: normsOf(stats(180), others),
    });
    expect(flags).toMatchObject([
      { code: 'rate_outlier', severity: 'warn', lineIndex: 0, startMs: 100, endMs: 6400 },
    ]);
  });

  it('no rate flag within the natural spread, nor before the voice has enough lines', () => {
    const check = (own: QcStats, among: QcStats[]) =>
      sessionChecks({ stats: own, timings: [], directions: [], norms: normsOf(own, among) });
    expect(check(stats(75), others)).toEqual([]);
    expect(check(stats(180), others.slice(0, 2))).toEqual([]);
  });

  it('loudness_outlier: a take far quieter than the others, unless the direction asks for it', () => {
    const quiet = stats(60, -18 - QC_THRESHOLDS.loudnessDb - 3);
    const norms = normsOf(quiet, others);
    expect(sessionChecks({ stats: quiet, timings: [], directions: [null], norms })).toMatchObject([
      { code: 'loudness_outlier', severity: 'warn' },
    ]);
    expect(
      sessionChecks({ stats: quiet, timings: [], directions: ['Whispering, scared'], norms }),
    ).toEqual([]);
    expect(
      sessionChecks({
        stats: quiet,
        timings: [],
        directions: [null],
        norms: normsOf(quiet, others.slice(0, 3)),
      }),
    ).toEqual([]);
  });
});

describe('transcript check', () => {
  const timings = [
    { ...line(0, 0, 2000), text: 'We had 3 jobs, and a house!' },
    { ...line(1, 2500, 4000), text: '[sighs] Now rent eats it all.' },
  ];
  const words = (text: string, startMs = 0) =>
    text
      .split(' ')
      .map((w, i) => ({ text: w, startMs: startMs + i * 300, endMs: startMs + i * 300 + 250 }));

  it('reads numbers, case, punctuation and audio tags alike', () => {
    expect(spokenWords('We had 3 jobs, and a HOUSE! [sighs] 1,200')).toEqual([
      'we',
      'had',
      'three',
      'jobs',
      'and',
      'a',
      'house',
      'one',
      'thousand',
      'two',
      'hundred',
    ]);
    const result = checkTranscript(
      timings,
      words('we had three jobs and a house now rent eats it all'),
    );
    expect(result).toEqual({ flags: [], wordErrorRate: 0 });
  });

  it('missing, extra and wrong words, each with its line, words and times', () => {
    const heard = words('we had three jobs and a big house now rent ate it all');
    const { flags, wordErrorRate } = checkTranscript(timings, heard);
    expect(flags.map((f) => [f.code, f.lineIndex, f.words?.map((w) => w.text)])).toEqual([
      ['extra_words', 0, ['big']],
      ['wrong_words', 1, ['ate']],
    ]);
    expect(flags[0]).toMatchObject({ severity: 'fail', startMs: 1800, endMs: 2050 });
    expect(wordErrorRate).toBe(Math.round((2 / 12) * 1000) / 1000);

    const skipped = checkTranscript(
      timings,
      words('we had three jobs and a house now eats it all'),
    );
    expect(skipped.flags).toMatchObject([
      {
        code: 'missing_words',
        severity: 'fail',
        lineIndex: 1,
        words: [{ text: 'rent', startMs: 2350, endMs: 2400 }],
      },
    ]);
  });

  it('status: the worst severity decides; a check that could not run says not_checked', () => {
    expect(qcStatusOf([])).toBe('pass');
    expect(qcStatusOf([{ code: 'dropout', severity: 'warn', message: '' }])).toBe('warn');
    expect(qcStatusOf([], true)).toBe('not_checked');
    expect(qcStatusOf([{ code: 'clipping', severity: 'fail', message: '' }], true)).toBe('fail');
  });
});
