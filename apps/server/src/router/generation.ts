/** Generation: queue beats for voicing; the worker does the rest and streams events. */
import {
  cancelGeneration,
  regenerateBeat,
  retryFailed,
  startGeneration,
} from '../generation/queue-work.js';
import { procedure, router } from '../trpc.js';
import { regenerateBeatInput } from './generation.schema.js';
import { sessionRef } from './sessions.schema.js';

export const generationRouter = router({
  start: procedure
    .input(sessionRef)
    .mutation(({ ctx, input }) => startGeneration(ctx, input.sessionId)),
  regenerateBeat: procedure
    .input(regenerateBeatInput)
    .mutation(({ ctx, input }) => regenerateBeat(ctx, input)),
  retryFailed: procedure
    .input(sessionRef)
    .mutation(({ ctx, input }) => retryFailed(ctx, input.sessionId)),
  cancel: procedure
    .input(sessionRef)
    .mutation(({ ctx, input }) => cancelGeneration(ctx, input.sessionId)),
});
