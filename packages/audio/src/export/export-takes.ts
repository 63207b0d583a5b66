import { decodeToPcm } from '../ffmpeg/decode.js';
import { encodeMp3, MP3_SAMPLE_RATE, type Mp3Bitrate } from '../mp3/encode-mp3.js';
import type { Mp3Encoder } from '../mp3/mp3-encoder-pool.js';
import { normalizeLoudness, TRUE_PEAK_DBTP } from '../ffmpeg/loudness.js';
import type { LoudnessTarget } from '../provider-facts.js';
import type { QcFlag, QcStatus } from '../qc/qc-result.js';
import type { FfmpegOptions } from '../ffmpeg/run-ffmpeg.js';
import { concatPcm } from '../pcm/pcm.js';
import { exportStorageKey } from '../storage/keys.js';
import type { Storage } from '../storage/storage.js';
import type { LineTiming, SegmentSettings } from '../types.js';
import { toSrt, toVtt, type Cue } from './captions.js';
import { ExportError, type BeatRef } from './export-error.js';
import { toAudacityLabels, type Label } from './labels.js';
import { buildManifest, type Manifest, type ManifestBeat } from './manifest.js';
import { NOTES_FILE, toNotesReport, type TakeReviewRecord } from './review-notes.js';
import { zipEntries, type ZipEntry } from './zip.js';

export interface ExportTake {
  id: string;
  storageKey: string;
  durationMs: number;
  settings: SegmentSettings[];
  timings: LineTiming[];
  charactersBilled: number;
  /** Take QC; a take never checked exports as `pending`. */
  qc?: { status: QcStatus; flags: readonly Pick<QcFlag, 'code' | 'severity'>[] };
}

export interface ExportBeat extends BeatRef {
  /** The selected take, or null when none is selected. */
  take: ExportTake | null;
  /** Decisions and notes of the beat's takes (any take, not only the exported one). */
  reviews?: readonly TakeReviewRecord[];
}

export interface ExportOptions {
  /** Integrated loudness to normalize to (true peak −1.5 dBTP); null leaves levels alone. */
  loudness?: LoudnessTarget | null;
  /** Export the beats that have a take instead of refusing with `MISSING_TAKES`. */
  partial?: boolean;
  /** Export selected takes with a `fail` QC flag instead of refusing with `FLAGGED_TAKES`. */
  allowFlagged?: boolean;
}

export interface ExportProgress {
  step: 'beat' | 'master' | 'files';
  completed: number;
  total: number;
  beatKey?: string;
}

export interface ExportInput extends FfmpegOptions {
  sessionTitle: string;
  /** In script order. */
  beats: readonly ExportBeat[];
  options?: ExportOptions;
  storage: Storage;
  exportId: string;
  bitrateKbps?: Mp3Bitrate;
  /** Where the MP3s are encoded (default: the process's shared pool of worker threads). */
  encoder?: Mp3Encoder;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportedFile {
  name: string;
  storageKey: string;
  bytes: number;
}

export interface ExportResult {
  exportId: string;
  manifest: Manifest;
  files: ExportedFile[];
  zip: ExportedFile;
}

export const MASTER_FILE = 'master.mp3';

function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'session';
}

function reviewOf(beat: ExportBeat, takeId: string) {
  const review = beat.reviews?.find((candidate) => candidate.takeId === takeId);
  return {
    decision: review?.decision ?? null,
    reason: review?.reason ?? null,
    notes: review?.notes ?? [],
  };
}

const toMs = (samples: number) => Math.round((samples * 1000) / MP3_SAMPLE_RATE);

/**
 * Turns the selected takes into deliverables under `exports/<exportId>/`: one MP3 per beat named
 * by its id, the master stitched in PCM (never the concat demuxer, whose MP3 gaps add up),
 * manifest, SRT/VTT captions, Audacity labels, the review notes, and a zip of all of it.
 */
export async function exportTakes(input: ExportInput): Promise<ExportResult> {
  const { storage, exportId, options = {} } = input;
  const ffmpeg: FfmpegOptions = {
    ffmpegPath: input.ffmpegPath,
    signal: input.signal,
    tempDir: storage.tempDir,
  };
  const loudness = options.loudness ?? null;

  const missing = input.beats
    .filter((beat) => beat.take === null)
    .map(({ beatKey, number, name }) => ({ beatKey, number, name }));
  if (missing.length > 0 && !options.partial) throw new ExportError('MISSING_TAKES', missing);
  const selected = input.beats.flatMap((beat) => (beat.take ? [{ ...beat, take: beat.take }] : []));
  if (selected.length === 0) throw new ExportError('NO_TAKES', missing);
  const flagged = selected
    .filter((beat) => beat.take.qc?.flags.some((flag) => flag.severity === 'fail'))
    .map(({ beatKey, number, name }) => ({ beatKey, number, name }));
  if (flagged.length > 0 && !options.allowFlagged) throw new ExportError('FLAGGED_TAKES', flagged);

  const total = selected.length + 2;
  let completed = 0;
  const progress = (step: ExportProgress['step'], beatKey?: string) =>
    input.onProgress?.({ step, completed: ++completed, total, ...(beatKey ? { beatKey } : {}) });

  const files: ZipEntry[] = [];
  const parts: Int16Array[] = [];
  const placed: ManifestBeat[] = [];
  const cues: Cue[] = [];
  const labels: Label[] = [];
  let offset = 0;
  for (const beat of selected) {
    const original = await storage.get(beat.take.storageKey);
    let pcm = await decodeToPcm({ encoded: original }, { ...ffmpeg, sampleRate: MP3_SAMPLE_RATE });
    let data = original;
    if (loudness !== null) {
      pcm = (await normalizeLoudness(pcm, MP3_SAMPLE_RATE, loudness, ffmpeg)).pcm;
      data = await encodeMp3(pcm, MP3_SAMPLE_RATE, {
        bitrateKbps: input.bitrateKbps,
        encoder: input.encoder,
      });
    }
    const file = `${beat.beatKey}.mp3`;
    const startMs = toMs(offset);
    offset += pcm.length;
    const endMs = toMs(offset);
    files.push({ name: file, data });
    parts.push(pcm);
    placed.push({
      beatKey: beat.beatKey,
      number: beat.number,
      name: beat.name,
      file,
      startMs,
      endMs,
      durationMs: endMs - startMs,
      takeId: beat.take.id,
      settings: beat.take.settings,
      charactersBilled: beat.take.charactersBilled,
      ...reviewOf(beat, beat.take.id),
      qc: {
        status: beat.take.qc?.status ?? 'pending',
        flags: (beat.take.qc?.flags ?? []).map((flag) => flag.code),
      },
    });
    cues.push(
      ...beat.take.timings.map((timing) => ({
        character: timing.character,
        text: timing.text,
        startMs: startMs + Math.min(timing.startMs, endMs - startMs),
        endMs: startMs + Math.min(timing.endMs, endMs - startMs),
      })),
    );
    labels.push({ startMs, endMs, text: `${beat.beatKey} ${beat.name}` });
    progress('beat', beat.beatKey);
  }

  let master = concatPcm(parts);
  if (loudness !== null)
    master = (await normalizeLoudness(master, MP3_SAMPLE_RATE, loudness, ffmpeg)).pcm;
  files.push({
    name: MASTER_FILE,
    data: await encodeMp3(master, MP3_SAMPLE_RATE, {
      bitrateKbps: input.bitrateKbps,
      encoder: input.encoder,
    }),
  });
  progress('master');

  const manifest = buildManifest({
    title: input.sessionTitle,
    exportId,
    master: MASTER_FILE,
    sampleRate: MP3_SAMPLE_RATE,
    loudness: loudness === null ? null : { targetLufs: loudness, truePeakDbtp: TRUE_PEAK_DBTP },
    beats: placed,
    skipped: missing.map((beat) => beat.beatKey),
  });
  files.push(
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'captions.srt', data: Buffer.from(toSrt(cues)) },
    { name: 'captions.vtt', data: Buffer.from(toVtt(cues)) },
    { name: 'labels.txt', data: Buffer.from(toAudacityLabels(labels)) },
    {
      name: NOTES_FILE,
      data: Buffer.from(
        toNotesReport(
          input.sessionTitle,
          // Every beat, skipped ones too: their notes say what still needs a fix.
          input.beats.map((beat) => ({ ...beat, reviews: beat.reviews ?? [] })),
        ),
      ),
    },
  );

  const exported: ExportedFile[] = [];
  for (const file of files) {
    const storageKey = exportStorageKey(exportId, file.name);
    await storage.put(storageKey, file.data);
    exported.push({ name: file.name, storageKey, bytes: file.data.length });
  }
  const zipName = `${slugify(input.sessionTitle)}-export.zip`;
  const zipKey = exportStorageKey(exportId, zipName);
  await storage.putStream(zipKey, zipEntries(files));
  const zipBytes = (await storage.stat(zipKey))?.size ?? 0;
  progress('files');

  return {
    exportId,
    manifest,
    files: exported,
    zip: { name: zipName, storageKey: zipKey, bytes: zipBytes },
  };
}
