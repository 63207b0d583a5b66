/** Takes: the reviewer picks the one that goes into the export. */
import { readBeatViews } from '../sessions/lifecycle.js';
import { selectBeatTake } from '../takes/select-take.js';
import { procedure, router } from '../trpc.js';
import { forBeatsInput, selectTakeInput } from './takes.schema.js';

export const takesRouter = router({
  /** Beats in full — text, parsed lines, takes — as `sessions.get` shows them, for the beats on screen. */
  forBeats: procedure
    .input(forBeatsInput)
    .query(({ ctx, input }) => readBeatViews(ctx, input.sessionId, input.beatIds)),
  select: procedure.input(selectTakeInput).mutation(({ ctx, input }) => selectBeatTake(ctx, input)),
});
