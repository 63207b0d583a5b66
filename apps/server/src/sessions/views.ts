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
  RejectionReason,
  ReviewedTake,
  ReviewTally,
  SessionDetail,
  SessionOutline,
  SessionRow,
  TakeDecision,
  TakeDecisionRow,
  TakeNoteRow,
  TakeRow,
} from '@studio/db';

export interface DecisionView {
  decision: TakeDecision;
  reason: RejectionReason | null;
  /** The note the rejection came with, if any (also among the take's notes). */
  noteId: string | null;
  author: string;
  decidedAt: Date;
}

export interface NoteView {
  id: string;
  takeId: string;
  text: string;
  /** Where the note points in the take; null for the take as a whole. */
  atMs: number | null;
  author: string;
  resolved: boolean;
  createdAt: Date;
}

/** A take's review: what `sessions.get` carries on each take, and `review` events publish. */
export interface TakeReview {
  decision: DecisionView | null;
  /** Oldest first. */
  notes: NoteView[];
}

/**
 * Where a beat stands in review, from its selected take: `approved`, `needs_fix` (rejected, or
 * approved but outdated by a re-import), or `unreviewed`.
 */
export type BeatReview = 'approved' | 'needs_fix' | 'unreviewed';

export interface TakeView extends TakeReview {
  id: string;
  beatId: string;
  createdAt: Date;
  durationMs: number;
  settings: TakeRow['settings'];
  timings: TakeRow['timings'];
  direction: string | null;
  provider: TakeRow['provider'];
  modelId: string;
  /** Credits its requests cost (the provider's headers). */
  charactersBilled: number;
  /** The model's price per character when it was voiced; null when unknown (or local). */
  creditsPerCharacter: number | null;
  requestIds: string[];
  /** Per segment: its request and what tied it to its neighbours (request ids, text, dialogue). */
  continuity: TakeRow['continuity'];
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
  review: BeatReview;
  takes: TakeView[];
}

/** Computed here only: clients show it as sent (with the session, then from `progress` events). */
export type Progress = Record<BeatStatus, number> & {
  total: number;
  /** Queued or being voiced right now. */
  active: number;
  /** Share of beats ready, 0–1 (a failed or stale beat is not done). */
  fraction: number;
  /** Beats whose selected take has a decision. */
  reviewed: number;
  /** Beats whose selected take is approved (`BeatReview` `approved`). */
  approved: number;
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
    /** Each beat's review (its selected take's decision): the review filters cover every beat. */
    reviews: BeatReview[];
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

export function decisionView(row: TakeDecisionRow | null): DecisionView | null {
  if (!row) return null;
  const { decision, reason, noteId, author, decidedAt } = row;
  return { decision, reason, noteId, author, decidedAt };
}

export function noteView(row: TakeNoteRow): NoteView {
  const { id, takeId, text, atMs, author, resolved, createdAt } = row;
  return { id, takeId, text, atMs, author, resolved, createdAt };
}

export function takeReview(take: Pick<ReviewedTake, 'decision' | 'notes'>): TakeReview {
  return { decision: decisionView(take.decision), notes: take.notes.map(noteView) };
}

/** What a beat's review depends on: its selected take's decision and whether it went stale. */
export interface ReviewInput {
  status: BeatStatus;
  staleReason: string | null;
  selectedDecision: TakeDecision | null;
}

/** A beat with its takes as the review rules read it. */
export function reviewInputOf(
  beat: Pick<BeatWithTakes, 'status' | 'staleReason' | 'selectedTakeId'> & {
    takes: readonly Pick<ReviewedTake, 'id' | 'decision'>[];
  },
): ReviewInput {
  const selected = beat.takes.find((take) => take.id === beat.selectedTakeId);
  return {
    status: beat.status,
    staleReason: beat.staleReason,
    selectedDecision: selected?.decision?.decision ?? null,
  };
}

/** Every beat's review input from a tally: one input, repeated, for the beats that share it. */
export function reviewInputsOf(tally: readonly ReviewTally[]): ReviewInput[] {
  return tally.flatMap(({ beats, ...input }) => Array<ReviewInput>(beats).fill(input));
}

export function beatReview(beat: Omit<ReviewInput, 'status'>): BeatReview {
  if (beat.selectedDecision === null) return 'unreviewed';
  return beat.selectedDecision === 'approved' && beat.staleReason === null
    ? 'approved'
    : 'needs_fix';
}

/** A take of a beat: a take just added has no review yet (`review` omitted). */
export function takeView(
  take: TakeRow,
  beat: { text: string; selectedTakeId: string | null },
  review: Pick<ReviewedTake, 'decision' | 'notes'> = { decision: null, notes: [] },
): TakeView {
  return {
    ...takeReview(review),
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
    creditsPerCharacter: take.creditsPerCharacter,
    requestIds: take.requestIds,
    continuity: take.continuity,
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

export function progressOf(beats: readonly ReviewInput[]): Progress {
  const counts = { pending: 0, queued: 0, generating: 0, ready: 0, failed: 0, stale: 0 };
  let reviewed = 0;
  let approved = 0;
  for (const beat of beats) {
    counts[beat.status]++;
    if (beatReview(beat) === 'approved') approved++;
    if (beat.selectedDecision !== null) reviewed++;
  }
  const total = beats.length;
  return {
    ...counts,
    total,
    active: counts.queued + counts.generating,
    fraction: total === 0 ? 0 : counts.ready / total,
    reviewed,
    approved,
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
    review: beatReview(reviewInputOf(beat)),
    takes: beat.takes.map((take) => takeView(take, beat, take)),
  };
}

export function sessionView(session: SessionDetail): SessionView {
  const { beats, ...row } = session;
  return { ...row, progress: progressOf(beats.map(reviewInputOf)), beats: beats.map(beatView) };
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
      reviews: beats.map(beatReview),
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
