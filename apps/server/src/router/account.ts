/** The ElevenLabs account behind the studio: its remaining credits. */
import { procedure, router } from '../trpc.js';

export const accountRouter = router({
  /** The last known credits, asked again when none are known yet; null without an account. */
  credits: procedure.query(async ({ ctx }) => ({
    available: ctx.account.available,
    credits: ctx.account.credits() ?? (await ctx.account.refreshCredits()),
  })),
});
