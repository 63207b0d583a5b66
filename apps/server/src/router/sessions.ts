/** Sessions: a script being voiced, reviewed and exported. */
import { listSessions, renameSession } from '@studio/db';
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
  setStatusInput,
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
  delete: procedure
    .input(sessionRef)
    .mutation(({ ctx, input }) => deleteSessionWithFiles(ctx, input.sessionId)),
  setStatus: procedure
    .input(setStatusInput)
    .mutation(({ ctx, input }) => ctx.sessionState.changeStatus(input.sessionId, input.status)),
  previewReimport: procedure
    .input(reimportPreviewInput)
    .query(({ ctx, input }) => previewReimport(ctx, input)),
  reimport: procedure.input(reimportInput).mutation(({ ctx, input }) => reimport(ctx, input)),
});
