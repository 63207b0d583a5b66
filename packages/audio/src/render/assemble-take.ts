import { concatPcm, fadeIn, fadeOut, msToSamples } from '../pcm/pcm.js';
import type { SpeechResult } from '../providers/speech-provider.js';
import type { SegmentEnd } from '../qc/signal-checks.js';
import type { LineTiming } from '../types.js';
import { lineSpans } from './line-spans.js';

export interface VoicedLine {
  lineIndex: number;
  character: string;
  text: string;
  /** The line as it was sent (with audio tags where the model acts on them, the lexicon applied): found in the alignment. */
  sentText: string;
  pauseAfterMs: number;
}

export interface VoicedSegment {
  audio: Pick<SpeechResult, 'pcm' | 'sampleRate' | 'alignment'>;
  lines: VoicedLine[];
}

export interface AssembledTake {
  pcm: Int16Array;
  sampleRate: number;
  timings: LineTiming[];
  /** Segments whose alignment did not contain their lines (cut by character count instead). */
  inexactSegments: number[];
  /** Where each segment's audio was cut in the take, for the truncation check. */
  segmentEnds: SegmentEnd[];
}

/** Audio kept around a segment's speech: requests come back padded with silence. */
const KEEP_BEFORE_MS = 60;
const KEEP_AFTER_MS = 120;
const FADE_MS = 3;
/** Width of the window whose energy picks the quietest cut point between two lines. */
const CUT_WINDOW_MS = 10;

/** The centre of the quietest `window`-long stretch of [from, to); the middle if it is shorter. */
function quietestPoint(pcm: Int16Array, from: number, to: number, window: number): number {
  if (to - from <= window) return Math.floor((from + to) / 2);
  const energy = new Float64Array(to - from + 1);
  for (let i = from; i < to; i++)
    energy[i - from + 1] = (energy[i - from] ?? 0) + (pcm[i] ?? 0) ** 2;
  let best = from;
  let bestEnergy = Infinity;
  for (let i = from; i + window <= to; i++) {
    const e = (energy[i - from + window] ?? 0) - (energy[i - from] ?? 0);
    if (e < bestEnergy) {
      bestEnergy = e;
      best = i;
    }
  }
  return best + Math.floor(window / 2);
}

/** Where the provider says its text ends (0 without alignment: nothing to run past). */
function alignedEndMs(ends: readonly number[]): number {
  let end = 0;
  for (const value of ends) if (value > end) end = value;
  return end;
}

interface Piece {
  pcm: Int16Array;
  from: number;
  to: number;
  silenceAfter: number;
}

/** Builds a take in PCM one segment at a time, in order, as the segments are voiced. */
export interface TakeAssembler {
  /**
   * Cuts the segment at every line end and appends its lines, each followed by its written
   * pause as silence. Returns the samples it appended; `last`: the take's final segment.
   */
  add(segment: VoicedSegment, last: boolean): Int16Array;
  /** The whole take (after the last segment). */
  finish(): AssembledTake;
}

/**
 * Each segment is cut at every line end (between one line's last aligned character and the next
 * line's first), and each line is followed by its written pause as real silence — the last line's
 * pause is the beat's trailing pause (els-spec §5). Cuts are faded where silence meets audio.
 */
export function createTakeAssembler(): TakeAssembler {
  let sampleRate = 0;
  const chunks: Int16Array[] = [];
  const timings: LineTiming[] = [];
  const inexactSegments: number[] = [];
  const segmentEnds: SegmentEnd[] = [];
  let total = 0;
  /** Whether the audio so far ends in silence (or nothing): the next piece fades in. */
  let afterSilence = true;

  function add({ audio, lines }: VoicedSegment, last: boolean): Int16Array {
    if (chunks.length === 0) sampleRate = audio.sampleRate;
    if (audio.sampleRate !== sampleRate) {
      throw new Error('Segments of one take must share a sample rate');
    }
    const ms = (value: number) => msToSamples(value, sampleRate);
    const segmentIndex = chunks.length;
    const { pcm } = audio;
    const clamp = (sample: number) => Math.min(pcm.length, Math.max(0, sample));
    const { spans, exact } = lineSpans(
      lines.map((line) => line.sentText),
      audio.alignment,
      (pcm.length * 1000) / sampleRate,
    );
    if (!exact) inexactSegments.push(segmentIndex);
    const starts = spans.map((span) => clamp(ms(span.startMs)));
    const ends = spans.map((span) => clamp(ms(span.endMs)));

    const cuts = [clamp((starts[0] ?? 0) - ms(KEEP_BEFORE_MS))];
    for (let k = 1; k < lines.length; k++) {
      const from = Math.max(cuts[k - 1] ?? 0, ends[k - 1] ?? 0);
      cuts.push(quietestPoint(pcm, from, Math.max(from, starts[k] ?? from), ms(CUT_WINDOW_MS)));
    }
    cuts.push(Math.max(cuts.at(-1) ?? 0, clamp((ends.at(-1) ?? pcm.length) + ms(KEEP_AFTER_MS))));

    const pieces: Piece[] = [];
    const segmentStart = total;
    lines.forEach((line, k) => {
      const from = cuts[k] ?? 0;
      const to = cuts[k + 1] ?? from;
      const within = (sample: number) => total + Math.min(to, Math.max(from, sample)) - from;
      timings.push({
        lineIndex: line.lineIndex,
        character: line.character,
        text: line.text,
        startMs: Math.round((within(starts[k] ?? from) * 1000) / sampleRate),
        endMs: Math.round((within(ends[k] ?? to) * 1000) / sampleRate),
        pauseAfterMs: line.pauseAfterMs,
      });
      const silenceAfter = ms(line.pauseAfterMs);
      if (k === lines.length - 1) {
        segmentEnds.push({
          lineIndex: line.lineIndex,
          cutMs: ((total + to - from) * 1000) / sampleRate,
          overrunMs: alignedEndMs(audio.alignment.endMs) - (pcm.length * 1000) / sampleRate,
          audioContinues: to < pcm.length,
        });
      }
      pieces.push({ pcm, from, to, silenceAfter });
      total += to - from + silenceAfter;
    });

    const out = new Int16Array(total - segmentStart);
    const fade = ms(FADE_MS);
    let at = 0;
    pieces.forEach((piece, i) => {
      const length = piece.to - piece.from;
      out.set(piece.pcm.subarray(piece.from, piece.to), at);
      const ramp = Math.min(fade, Math.floor(length / 2));
      if (afterSilence) fadeIn(out, at, ramp);
      const final = last && i === pieces.length - 1;
      if (piece.silenceAfter > 0 || final) fadeOut(out, at + length, ramp);
      at += length + piece.silenceAfter;
      afterSilence = piece.silenceAfter > 0;
    });
    chunks.push(out);
    return out;
  }

  return {
    add,
    finish: () => ({ pcm: concatPcm(chunks), sampleRate, timings, inexactSegments, segmentEnds }),
  };
}
