/**
 * The studio's sessions, beats, takes and exports as tools return them: the seed's snake_case
 * fields (`session_id`, `beat_id` = the script's id, `take_id`), absolute links on the studio's
 * origin, and the MCP resource URIs that read the same things.
 */
import type { ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { exportContentType } from '../http/serve-export.js';
import type { BeatView, ExportView, NoteView, SessionView, TakeView } from '../sessions/views.js';

export const sessionResourceUri = (sessionId: string) => `studio://sessions/${sessionId}`;
export const takeResourceUri = (takeId: string) => `studio://takes/${takeId}/audio`;
export const exportFileResourceUri = (exportId: string, name: string) =>
  `studio://exports/${exportId}/${encodeURIComponent(name)}`;

const errorShape = z.object({ code: z.string(), message: z.string() }).nullable();

export const noteShape = z.object({
  note_id: z.string(),
  text: z.string(),
  /** Seconds into the take the note points at; null for the take as a whole. */
  at_seconds: z.number().nullable(),
  author: z.string(),
  resolved: z.boolean(),
});

const qcFlagShape = z.object({
  code: z.string(),
  severity: z.enum(['warn', 'fail']),
  /** 0-based index of the beat's line. */
  line_index: z.number().int().optional(),
  start_ms: z.number().optional(),
  end_ms: z.number().optional(),
  message: z.string(),
  /** The words in question (speech recognition), with their times in the take. */
  words: z
    .array(z.object({ text: z.string(), start_ms: z.number(), end_ms: z.number() }))
    .optional(),
});

/** Take QC: what the studio found by measuring and by listening to the take. */
export const qcShape = z.object({
  status: z.enum(['pass', 'warn', 'fail', 'pending', 'not_checked']),
  flags: z.array(qcFlagShape),
  word_error_rate: z.number().optional(),
  transcript: z.string().optional(),
  /** Why a check could not run (`not_checked`); `rerun_take_qc` tries again. */
  reason: z.string().optional(),
});

export const takeShape = z.object({
  take_id: z.string(),
  /** 1 = the beat's oldest take. */
  number: z.number().int(),
  duration_ms: z.number(),
  selected: z.boolean(),
  direction: z.string().nullable(),
  provider: z.string(),
  model_id: z.string(),
  characters_billed: z.number(),
  settings_used: z.array(
    z.object({
      character: z.string(),
      stability: z.number(),
      similarity_boost: z.number(),
      style: z.number(),
      speed: z.number(),
    }),
  ),
  voices_previous_text: z.boolean(),
  created_at: z.string(),
  audio_url: z.string(),
  audio_resource: z.string(),
  /** The reviewer's decision: approved, rejected (with its reason) or null (not reviewed). */
  decision: z.enum(['approved', 'rejected']).nullable(),
  reason: z.string().nullable(),
  notes: z.array(noteShape),
  qc: qcShape,
});
export type TakeOut = z.infer<typeof takeShape>;

export const beatShape = z.object({
  beat_id: z.string(),
  number: z.number().int(),
  beat_name: z.string(),
  character: z.string(),
  direction: z.string().nullable(),
  pace: z.string(),
  text: z.string(),
  status: z.string(),
  error: errorShape,
  stale_reason: z.string().nullable(),
  takes: z.array(takeShape),
  selected_take_id: z.string().nullable(),
  selected_take_number: z.number().int().nullable(),
  selected_duration_ms: z.number().nullable(),
  /** approved (its selected take is), needs_fix (rejected or outdated) or unreviewed. */
  review: z.string(),
});
export type BeatOut = z.infer<typeof beatShape>;

export const sessionShape = z.object({
  session_id: z.string(),
  video_title: z.string(),
  project: z.string().nullable(),
  status: z.string(),
  /** Multi-character beats on eleven_v3: one performance or one request per segment. */
  dialogue_mode: z.string(),
  last_error: errorShape,
  characters_spent: z.number(),
  beat_count: z.number().int(),
  ready_count: z.number().int(),
  failed_count: z.number().int(),
  beats: z.array(beatShape),
  /** The selected takes end to end. */
  total_duration_ms: z.number(),
  summary: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  resource: z.string(),
});
export type SessionOut = z.infer<typeof sessionShape>;

export const exportShape = z.object({
  export_id: z.string(),
  session_id: z.string(),
  status: z.string(),
  error: errorShape,
  exported_files: z.array(
    z.object({ name: z.string(), bytes: z.number(), url: z.string(), resource: z.string() }),
  ),
});
export type ExportOut = z.infer<typeof exportShape>;

/** Absolute URLs on the origin the caller reached the studio at. */
export interface Links {
  origin: string;
}

const absolute = (links: Links, path: string) => new URL(path, links.origin).toString();

export function takeOut(take: TakeView, index: number, links: Links): TakeOut {
  return {
    take_id: take.id,
    number: index + 1,
    duration_ms: take.durationMs,
    selected: take.selected,
    direction: take.direction,
    provider: take.provider,
    model_id: take.modelId,
    characters_billed: take.charactersBilled,
    settings_used: take.settings.map((s) => ({
      character: s.character,
      stability: s.stability,
      similarity_boost: s.similarityBoost,
      style: s.style,
      speed: s.speed,
    })),
    voices_previous_text: take.voicesPreviousText,
    created_at: take.createdAt.toISOString(),
    audio_url: absolute(links, take.audioUrl),
    audio_resource: takeResourceUri(take.id),
    decision: take.decision?.decision ?? null,
    reason: take.decision?.reason ?? null,
    notes: take.notes.map(noteOut),
    qc: qcOut(take.qc),
  };
}

export function qcOut(qc: TakeView['qc']): z.infer<typeof qcShape> {
  return {
    status: qc.status,
    flags: qc.flags.map((flag) => ({
      code: flag.code,
      severity: flag.severity,
      ...(flag.lineIndex === undefined ? {} : { line_index: flag.lineIndex }),
      ...(flag.startMs === undefined ? {} : { start_ms: flag.startMs }),
      ...(flag.endMs === undefined ? {} : { end_ms: flag.endMs }),
      message: flag.message,
      ...(flag.words
        ? {
            words: flag.words.map((w) => ({ text: w.text, start_ms: w.startMs, end_ms: w.endMs })),
          }
        : {}),
    })),
    ...(qc.wordErrorRate === undefined ? {} : { word_error_rate: qc.wordErrorRate }),
    ...(qc.transcript === undefined ? {} : { transcript: qc.transcript }),
    ...(qc.reason === undefined ? {} : { reason: qc.reason }),
  };
}

export function noteOut(note: NoteView): z.infer<typeof noteShape> {
  return {
    note_id: note.id,
    text: note.text,
    at_seconds: note.atMs === null ? null : note.atMs / 1000,
    author: note.author,
    resolved: note.resolved,
  };
}

export function beatOut(beat: BeatView, links: Links): BeatOut {
  const selectedIndex = beat.takes.findIndex((take) => take.id === beat.selectedTakeId);
  const selected = beat.takes[selectedIndex];
  return {
    beat_id: beat.beatKey,
    number: beat.number,
    beat_name: beat.name,
    character: beat.parsed.primaryCharacter,
    direction: beat.parsed.primaryDirection,
    pace: beat.parsed.primaryPace,
    text: beat.text,
    status: beat.status,
    error: beat.error,
    stale_reason: beat.staleReason,
    takes: beat.takes.map((take, index) => takeOut(take, index, links)),
    selected_take_id: beat.selectedTakeId,
    selected_take_number: selected ? selectedIndex + 1 : null,
    selected_duration_ms: selected ? selected.durationMs : null,
    review: beat.review,
  };
}

function summaryOf(beats: readonly BeatOut[], totalMs: number): string {
  const ready = beats.filter((beat) => beat.status === 'ready').length;
  const failed = beats.filter((beat) => beat.status === 'failed');
  const parts = [
    `${ready}/${beats.length} beats voiced, ${(totalMs / 1000).toFixed(1)} seconds of selected audio`,
  ];
  if (failed.length > 0) {
    parts.push(
      `${failed.length} failed (${failed.map((b) => `${b.beat_id}: ${b.error?.code ?? 'unknown'}`).join(', ')})`,
    );
  }
  return parts.join('; ');
}

export function sessionOut(session: SessionView, links: Links): SessionOut {
  const beats = session.beats.map((beat) => beatOut(beat, links));
  const total = beats.reduce((sum, beat) => sum + (beat.selected_duration_ms ?? 0), 0);
  return {
    session_id: session.id,
    video_title: session.videoTitle,
    project: session.project,
    status: session.status,
    dialogue_mode: session.dialogueMode,
    last_error: session.lastError ?? null,
    characters_spent: session.charactersSpent,
    beat_count: beats.length,
    ready_count: session.progress.ready,
    failed_count: session.progress.failed,
    beats,
    total_duration_ms: total,
    summary: summaryOf(beats, total),
    created_at: session.createdAt.toISOString(),
    updated_at: session.updatedAt.toISOString(),
    resource: sessionResourceUri(session.id),
  };
}

export function exportOut(view: ExportView, links: Links): ExportOut {
  return {
    export_id: view.id,
    session_id: view.sessionId,
    status: view.status,
    error: view.error,
    exported_files: view.files.map((file) => ({
      name: file.name,
      bytes: file.bytes,
      url: absolute(links, file.url),
      resource: exportFileResourceUri(view.id, file.name),
    })),
  };
}

export function takeLink(beat: BeatOut, take: TakeOut): ResourceLink {
  return {
    type: 'resource_link',
    uri: take.audio_url,
    name: `${beat.beat_id} take ${take.number}`,
    title: `${beat.beat_name}, take ${take.number}${take.selected ? ' (selected)' : ''}`,
    description: `${(take.duration_ms / 1000).toFixed(1)} s; also readable as ${take.audio_resource}`,
    mimeType: 'audio/mpeg',
  };
}

export function beatLinks(beats: readonly BeatOut[]): ResourceLink[] {
  return beats.flatMap((beat) => beat.takes.map((take) => takeLink(beat, take)));
}

export function sessionLinks(session: SessionOut): ResourceLink[] {
  return beatLinks(session.beats);
}

export function exportLinks(exported: ExportOut): ResourceLink[] {
  return exported.exported_files.map((file) => ({
    type: 'resource_link',
    uri: file.url,
    name: file.name,
    description: `${file.bytes} bytes; also readable as ${file.resource}`,
    mimeType: exportContentType(file.name),
  }));
}
