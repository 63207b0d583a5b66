/** Take QC: run a take's checks again; whether a session's takes are transcribed. */
import { setSessionQcListening } from '@studio/db';
import { rerunQc } from '../qc/take-qc.js';
import { procedure, router } from '../trpc.js';
import { setListeningInput, takeRef } from './qc.schema.js';

export const qcRouter = router({
  /** The listening check again (e.g. after `not_checked`) and the session-wide checks. */
  rerun: procedure.input(takeRef).mutation(({ ctx, input }) => rerunQc(ctx, input.takeId)),
  setListening: procedure
    .input(setListeningInput)
    .mutation(({ ctx, input }) => setSessionQcListening(ctx.db, input.sessionId, input.listening)),
});
