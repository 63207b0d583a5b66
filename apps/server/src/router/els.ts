/** The ELS language, checked against the studio's voice profiles. */
import { parseOptions, parseScript, validateScript } from '../sessions/script.js';
import { procedure, router } from '../trpc.js';
import { scriptInput } from './els.schema.js';

export const elsRouter = router({
  validate: procedure
    .input(scriptInput)
    .query(({ ctx, input }) => validateScript(ctx, input.source)),
  parse: procedure.input(scriptInput).query(({ ctx, input }) => parseScript(ctx, input.source)),
  /** The parser options the studio reads scripts with, for validating in the browser. */
  options: procedure.query(({ ctx }) => parseOptions(ctx)),
});
