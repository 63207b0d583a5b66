/** Exports: the selected takes as deliverables (per-beat MP3s, master, manifest, captions, zip). */
import { exportSession, getSessionExport, listSessionExports } from '../exports/export-session.js';
import { procedure, router } from '../trpc.js';
import { createExportInput, exportRef } from './exports.schema.js';
import { sessionRef } from './sessions.schema.js';

export const exportsRouter = router({
  create: procedure
    .input(createExportInput)
    .mutation(({ ctx, input }) => exportSession(ctx, input)),
  list: procedure
    .input(sessionRef)
    .query(({ ctx, input }) => listSessionExports(ctx, input.sessionId)),
  get: procedure.input(exportRef).query(({ ctx, input }) => getSessionExport(ctx, input.exportId)),
});
