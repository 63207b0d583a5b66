/**
 * A reviewer's decisions and notes on takes. Each change is committed, then the beat is read back
 * and published (`beatsChanged`), which also moves the session to `approved` or back.
 */
import {
  addTakeNote,
  approveTake,
  clearDecision,
  deleteTakeNote,
  rejectTake,
  setNoteResolved,
  takeOwner,
  type NewTakeNote,
  type RejectionReason,
} from '@studio/db';
import type { Services } from '../context.js';
import { decisionView, noteView, type DecisionView, type NoteView } from '../sessions/views.js';

type ReviewServices = Pick<Services, 'db' | 'sessionState'>;

/** Publishes the take's beat; `decided` for a decision (it may move the session's status). */
async function published(
  services: ReviewServices,
  takeId: string,
  decided: boolean,
): Promise<void> {
  const { sessionId, beatId } = await takeOwner(services.db, takeId);
  await services.sessionState.beatsChanged(sessionId, [beatId], { decided });
}

export interface TakeDecided {
  beatId: string;
  takeId: string;
  decision: DecisionView;
}

/** Approves a take and selects it, in one step. */
export async function approveBeatTake(
  services: ReviewServices,
  input: { takeId: string; author: string },
): Promise<TakeDecided & { selectedTakeId: string; unapprovedTakeId: string | null }> {
  const { beat, decision, unapprovedTakeId } = await approveTake(services.db, input);
  await services.sessionState.beatsChanged(beat.sessionId, [beat.id], { decided: true });
  return {
    beatId: beat.id,
    takeId: input.takeId,
    decision: decisionView(decision)!,
    selectedTakeId: input.takeId,
    unapprovedTakeId,
  };
}

export async function rejectBeatTake(
  services: ReviewServices,
  input: {
    takeId: string;
    reason: RejectionReason;
    author: string;
    note?: { text: string; atMs?: number | null | undefined } | undefined;
  },
): Promise<TakeDecided & { note: NoteView | null }> {
  const { decision, note } = await rejectTake(services.db, input);
  await published(services, input.takeId, true);
  return {
    beatId: decision.beatId,
    takeId: decision.takeId,
    decision: decisionView(decision)!,
    note: note && noteView(note),
  };
}

/** Back to no decision (the take's notes stay). */
export async function clearTakeDecision(
  services: ReviewServices,
  takeId: string,
): Promise<{ beatId: string; takeId: string }> {
  const cleared = await clearDecision(services.db, takeId);
  await published(services, takeId, true);
  return cleared;
}

export async function addNote(
  services: ReviewServices,
  input: { takeId: string } & NewTakeNote,
): Promise<NoteView> {
  const note = await addTakeNote(services.db, input);
  await published(services, note.takeId, false);
  return noteView(note);
}

export async function resolveNote(
  services: ReviewServices,
  input: { noteId: string; resolved: boolean },
): Promise<NoteView> {
  const note = await setNoteResolved(services.db, input.noteId, input.resolved);
  await published(services, note.takeId, false);
  return noteView(note);
}

export async function deleteNote(
  services: ReviewServices,
  noteId: string,
): Promise<{ noteId: string; takeId: string }> {
  const note = await deleteTakeNote(services.db, noteId);
  await published(services, note.takeId, false);
  return { noteId, takeId: note.takeId };
}
