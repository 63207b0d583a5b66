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
  SessionOutline,
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
}

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

/**
 * A session's outline, its beats column by column (no repeated keys): a 2,000-beat session
 * arrives in ~250 KB, and the page fetches each beat's text and takes when it comes on screen
 * (`takes.forBeats`).
 */
export interface SessionOutlineView extends Omit<SessionRow, 'sourceEls'> {
  progress: Progress;
  beats: {
    /** In script order; the other columns follow it. */
    ids: string[];
    beatKeys: string[];
    numbers: number[];
    names: string[];
    statuses: BeatStatus[];
    selectedTakeIds: (string | null)[];
    takeCounts: number[];
    /** The selected take's duration, 0 without one. */
    selectedDurationsMs: number[];
    /** Only the beats that have an error or a stale reason. */
    problems: Record<string, Pick<BeatState, 'error' | 'staleReason'>>;
  };
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
  };
}

export function beatState(
  beat: Pick<
    BeatRow,
    'id' | 'status' | 'lastErrorCode' | 'lastErrorMessage' | 'staleReason' | 'selectedTakeId'
  >,
): BeatState {
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

export function beatView(beat: BeatWithTakes): BeatView {
  return {
    ...beatState(beat),
    beatKey: beat.beatKey,
    number: beat.number,
    name: beat.name,
    position: beat.position,
    text: beat.text,
    parsed: beat.parsed,
    takes: beat.takes.map((take) => takeView(take, beat)),
  };
}

export function sessionView(session: SessionDetail): SessionView {
  const { beats, ...row } = session;
  return { ...row, progress: progressOf(beats), beats: beats.map(beatView) };
}

export function sessionOutlineView(outline: SessionOutline): SessionOutlineView {
  const { beats, ...row } = outline;
  const problems: SessionOutlineView['beats']['problems'] = {};
  for (const beat of beats) {
    const { error, staleReason } = beatState(beat);
    if (error !== null || staleReason !== null) problems[beat.id] = { error, staleReason };
  }
  return {
    ...row,
    progress: progressOf(beats),
    beats: {
      ids: beats.map((b) => b.id),
      beatKeys: beats.map((b) => b.beatKey),
      numbers: beats.map((b) => b.number),
      names: beats.map((b) => b.name),
      statuses: beats.map((b) => b.status),
      selectedTakeIds: beats.map((b) => b.selectedTakeId),
      takeCounts: beats.map((b) => b.takeCount),
      selectedDurationsMs: beats.map((b) => b.selectedDurationMs),
      problems,
    },
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
