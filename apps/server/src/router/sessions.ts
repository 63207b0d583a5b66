/** Sessions: a script being voiced, reviewed and exported. */
import { listSessions, renameSession, setSessionDialogueMode } from '@studio/db';
import { estimateGeneration } from '../sessions/estimate.js';
import { previewReimport, reimport } from '../sessions/reimport.js';
import { resolveRefs } from '../sessions/resolve-refs.js';
import {
  createSessionFromSource,
  deleteSessionWithFiles,
  readSessionOutline,
  readSessionView,
} from '../sessions/lifecycle.js';
import { procedure, router } from '../trpc.js';
import {
  createSessionInput,
  reimportInput,
  reimportPreviewInput,
  renameSessionInput,
  resolveRefsInput,
  sessionRef,
  setDialogueModeInput,
  setStatusInput,
  setBudgetInput,
} from './sessions.schema.js';

export const sessionsRouter = router({
  list: procedure.query(({ ctx }) => listSessions(ctx.db)),
  /** Ids from what a person types: a session (id or unique prefix), a beat, a take. */
  resolve: procedure.input(resolveRefsInput).query(({ ctx, input }) => resolveRefs(ctx, input)),
  get: procedure.input(sessionRef).query(({ ctx, input }) => readSessionView(ctx, input.sessionId)),
  /** The session without its script and its beats as a lean outline: a long session's first load. */
  summary: procedure
    .input(sessionRef)
    .query(({ ctx, input }) => readSessionOutline(ctx, input.sessionId)),
  create: procedure
    .input(createSessionInput)
    .mutation(({ ctx, input }) => createSessionFromSource(ctx, input)),
  estimate: procedure
    .input(sessionRef)
    .query(({ ctx, input }) => estimateGeneration(ctx, input.sessionId)),
  rename: procedure
    .input(renameSessionInput)
    .mutation(({ ctx, input }) => renameSession(ctx.db, input.sessionId, input.videoTitle)),
  /** One performance or one request per segment, for what is voiced from now on. */
  setDialogueMode: procedure
    .input(setDialogueModeInput)
    .mutation(({ ctx, input }) =>
      setSessionDialogueMode(ctx.db, input.sessionId, input.dialogueMode),
    ),
  delete: procedure
    .input(sessionRef)
    .mutation(({ ctx, input }) => deleteSessionWithFiles(ctx, input.sessionId)),
  /** Raising the budget does not resume by itself: `generation.start` voices the rest. */
  setBudget: procedure
    .input(setBudgetInput)
    .mutation(({ ctx, input }) => ctx.sessionState.changeBudget(input.sessionId, input.credits)),
  setStatus: procedure
    .input(setStatusInput)
    .mutation(({ ctx, input }) => ctx.sessionState.changeStatus(input.sessionId, input.status)),
  previewReimport: procedure
    .input(reimportPreviewInput)
    .query(({ ctx, input }) => previewReimport(ctx, input)),
  reimport: procedure.input(reimportInput).mutation(({ ctx, input }) => reimport(ctx, input)),
});
