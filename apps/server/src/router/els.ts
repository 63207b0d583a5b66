/** The ELS language, checked against the studio's voice profiles. */
import { parseScript, validateScript } from '../sessions/script.js';
import { procedure, router } from '../trpc.js';
import { scriptInput } from './els.schema.js';

export const elsRouter = router({
  validate: procedure
    .input(scriptInput)
    .query(({ ctx, input }) => validateScript(ctx.db, input.source)),
  parse: procedure.input(scriptInput).query(({ ctx, input }) => parseScript(ctx.db, input.source)),
});
