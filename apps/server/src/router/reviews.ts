/** Reviews: a reviewer approves (and so selects) or rejects takes, and leaves notes on them. */
import {
  addNote,
  approveBeatTake,
  clearTakeDecision,
  deleteNote,
  rejectBeatTake,
  resolveNote,
} from '../takes/review-take.js';
import { procedure, router } from '../trpc.js';
import {
  addNoteInput,
  approveInput,
  noteRef,
  rejectInput,
  resolveNoteInput,
  takeRef,
} from './reviews.schema.js';

export const reviewsRouter = router({
  approve: procedure.input(approveInput).mutation(({ ctx, input }) => approveBeatTake(ctx, input)),
  reject: procedure.input(rejectInput).mutation(({ ctx, input }) => rejectBeatTake(ctx, input)),
  clear: procedure
    .input(takeRef)
    .mutation(({ ctx, input }) => clearTakeDecision(ctx, input.takeId)),
  addNote: procedure.input(addNoteInput).mutation(({ ctx, input }) => addNote(ctx, input)),
  resolveNote: procedure
    .input(resolveNoteInput)
    .mutation(({ ctx, input }) => resolveNote(ctx, input)),
  deleteNote: procedure.input(noteRef).mutation(({ ctx, input }) => deleteNote(ctx, input.noteId)),
});
