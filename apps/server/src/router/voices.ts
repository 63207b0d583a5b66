/** Voice profiles: how each character sounds. */
import { listVoiceProfiles, updateVoiceProfile } from '@studio/db';
import { previewVoice } from '../voices/preview.js';
import { procedure, router } from '../trpc.js';
import { previewVoiceInput, updateVoiceInput } from './voices.schema.js';

export const voicesRouter = router({
  list: procedure.query(({ ctx }) => listVoiceProfiles(ctx.db)),
  update: procedure
    .input(updateVoiceInput)
    .mutation(({ ctx, input }) => updateVoiceProfile(ctx.db, input.character, input.patch)),
  preview: procedure
    .input(previewVoiceInput)
    // `signal` aborts when the client disconnects: nobody waits for the preview any more.
    .mutation(({ ctx, input, signal }) => previewVoice(ctx, input, signal)),
});
