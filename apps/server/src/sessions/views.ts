/**
 * The API's shapes of sessions, beats and takes, built from database rows: storage keys stay
 * inside, audio is addressed by URL, and what the UI derives (progress, "voicing the previous
 * text") is computed once here.
 */
import type {
  BeatRow,
  BeatStatus,
  BeatWithTakes,
  ErrorInfo,
  ExportRow,
  SessionDetail,
  SessionRow,
  TakeRow,
} from '@studio/db';

export interface TakeView {
  id: string;
  beatId: string;
  createdAt: Date;
  durationMs: number;
  settings: TakeRow['settings'];
  timings: TakeRow['timings'];
  direction: string | null;
  provider: TakeRow['provider'];
  modelId: string;
  charactersBilled: number;
  requestIds: string[];
  voicedText: string;
  /** The beat's text changed since this take was voiced. */
  voicesPreviousText: boolean;
  selected: boolean;
  /** Streams the take (with Range support). */
  audioUrl: string;
  qc: TakeQcView;
}

/** A take's QC as clients see it (the measurements behind the session checks stay inside). */
export type TakeQcView = Omit<TakeRow['qc'], 'stats'>;

export interface BeatState {
  id: string;
  status: BeatStatus;
  error: ErrorInfo | null;
  staleReason: string | null;
  selectedTakeId: string | null;
}

export interface BeatView extends BeatState {
  /** The id written in the script (`01_hook`). */
  beatKey: string;
  number: number;
  name: string;
  position: number;
  text: string;
  parsed: BeatWithTakes['parsed'];
  takes: TakeView[];
}

/** Computed here only: clients show it as sent (with the session, then from `progress` events). */
export type Progress = Record<BeatStatus, number> & {
  total: number;
  /** Queued or being voiced right now. */
  active: number;
  /** Share of beats ready, 0–1 (a failed or stale beat is not done). */
  fraction: number;
};

export interface SessionView extends SessionRow {
  progress: Progress;
  beats: BeatView[];
}

export interface ExportView {
  id: string;
  sessionId: string;
  status: ExportRow['status'];
  options: ExportRow['options'];
  error: ErrorInfo | null;
  createdAt: Date;
  files: { name: string; bytes: number; url: string }[];
}

export function takeView(
  take: TakeRow,
  beat: { text: string; selectedTakeId: string | null },
): TakeView {
  return {
    id: take.id,
    beatId: take.beatId,
    createdAt: take.createdAt,
    durationMs: take.durationMs,
    settings: take.settings,
    timings: take.timings,
    direction: take.direction,
    provider: take.provider,
    modelId: take.modelId,
    charactersBilled: take.charactersBilled,
    requestIds: take.requestIds,
    voicedText: take.voicedText,
    voicesPreviousText: take.voicedText !== beat.text,
    selected: take.id === beat.selectedTakeId,
    audioUrl: `/audio/${take.id}`,
    qc: takeQcView(take.qc),
  };
}

export function takeQcView(qc: TakeRow['qc']): TakeQcView {
  const { stats: _stats, ...view } = qc;
  return view;
}

export function beatState(beat: BeatRow): BeatState {
  return {
    id: beat.id,
    status: beat.status,
    error:
      beat.lastErrorCode === null
        ? null
        : { code: beat.lastErrorCode, message: beat.lastErrorMessage ?? '' },
    staleReason: beat.staleReason,
    selectedTakeId: beat.selectedTakeId,
  };
}

export function progressOf(beats: readonly { status: BeatStatus }[]): Progress {
  const counts = { pending: 0, queued: 0, generating: 0, ready: 0, failed: 0, stale: 0 };
  for (const beat of beats) counts[beat.status]++;
  const total = beats.length;
  return {
    ...counts,
    total,
    active: counts.queued + counts.generating,
    fraction: total === 0 ? 0 : counts.ready / total,
  };
}

export function sessionView(session: SessionDetail): SessionView {
  const { beats, ...row } = session;
  return {
    ...row,
    progress: progressOf(beats),
    beats: beats.map((beat) => ({
      ...beatState(beat),
      beatKey: beat.beatKey,
      number: beat.number,
      name: beat.name,
      position: beat.position,
      text: beat.text,
      parsed: beat.parsed,
      takes: beat.takes.map((take) => takeView(take, beat)),
    })),
  };
}

export function exportView(row: ExportRow): ExportView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    status: row.status,
    options: row.options,
    error: row.error ?? null,
    createdAt: row.createdAt,
    files: row.files.map((file) => ({
      ...file,
      url: `/exports/${row.id}/${encodeURIComponent(file.name)}`,
    })),
  };
}
