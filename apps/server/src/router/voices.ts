/** Voice profiles: how each character sounds. */
import { listVoiceProfiles, updateVoiceProfile } from '@studio/db';
import { previewVoice } from '../voices/preview.js';
import { procedure, router } from '../trpc.js';
import { previewVoiceInput, updateVoiceInput, voiceLibraryInput } from './voices.schema.js';

export const voicesRouter = router({
  list: procedure.query(({ ctx }) => listVoiceProfiles(ctx.db)),
  update: procedure
    .input(updateVoiceInput)
    .mutation(({ ctx, input }) => updateVoiceProfile(ctx.db, input.character, input.patch)),
  /** The text-to-speech models the account offers, with their price (empty without a key). */
  models: procedure.query(async ({ ctx }) => ({
    available: ctx.account.available,
    models: await ctx.account.models(),
  })),
  /** The account's voices (`/v2/voices`), each with its own preview to play before assigning. */
  library: procedure.input(voiceLibraryInput).query(async ({ ctx, input }) => ({
    available: ctx.account.available,
    ...(await ctx.account.voices(input)),
  })),
  preview: procedure
    .input(previewVoiceInput)
    // `signal` aborts when the client disconnects: nobody waits for the preview any more.
    .mutation(({ ctx, input, signal }) => previewVoice(ctx, input, signal)),
});
