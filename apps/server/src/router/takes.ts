/** Takes: the reviewer picks the one that goes into the export. */
import { selectBeatTake } from '../takes/select-take.js';
import { procedure, router } from '../trpc.js';
import { selectTakeInput } from './takes.schema.js';

export const takesRouter = router({
  select: procedure.input(selectTakeInput).mutation(({ ctx, input }) => selectBeatTake(ctx, input)),
});
