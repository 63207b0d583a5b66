import type { LoudnessTarget } from '../provider-facts.js';
import type { QcCode, QcStatus } from '../qc/qc-result.js';
import type { SegmentSettings } from '../types.js';
import type { ExportNote } from './review-notes.js';

export interface ManifestBeat {
  beatKey: string;
  number: number;
  name: string;
  file: string;
  /** Where the beat sits in master.mp3. */
  startMs: number;
  endMs: number;
  durationMs: number;
  takeId: string;
  settings: SegmentSettings[];
  charactersBilled: number;
  /** The reviewer's decision on the exported take, null when nobody decided. */
  decision: 'approved' | 'rejected' | null;
  /** Why it was rejected (exported anyway, e.g. a partial cut). */
  reason: string | null;
  notes: ExportNote[];
  /** The take's QC when exported, and the codes of its flags. */
  qc: { status: QcStatus; flags: QcCode[] };
}

export interface Manifest {
  title: string;
  exportId: string;
  createdAt: string;
  master: string;
  sampleRate: number;
  loudness: { targetLufs: LoudnessTarget; truePeakDbtp: number } | null;
  beats: ManifestBeat[];
  /** Beats left out of a partial export (no selected take). */
  skipped: string[];
  totals: { beats: number; durationMs: number; charactersBilled: number };
}

/** The manifest of an export, totals derived from the beats. */
export function buildManifest(
  fields: Omit<Manifest, 'totals' | 'createdAt'> & { createdAt?: Date },
): Manifest {
  const { createdAt = new Date(), ...rest } = fields;
  const last = fields.beats.at(-1);
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    totals: {
      beats: fields.beats.length,
      durationMs: last ? last.endMs : 0,
      charactersBilled: fields.beats.reduce((n, beat) => n + beat.charactersBilled, 0),
    },
  };
}
