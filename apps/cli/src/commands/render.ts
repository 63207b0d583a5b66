/** `studio render FILE.els`: the whole job, from a script to the files in a folder. */
import { assertAllReady, waitWithProgress } from '../follow-generation.js';
import type { CommandContext } from './context.js';
import { exportAndDownload, type ExportOptions } from './export.js';
import { createSessionFromFile } from './new.js';

/** The whole job: create, generate, (first takes are selected automatically), export, download. */
export async function renderCommand(
  ctx: CommandContext,
  file: string,
  options: ExportOptions,
): Promise<number> {
  const created = await createSessionFromFile(ctx, file);
  ctx.out.note(`Voicing ${created.beats.length} beats of "${created.videoTitle}"…`);
  await ctx.client.generation.start.mutate({ sessionId: created.id });
  const session = await waitWithProgress(ctx, created.id);
  assertAllReady(session);
  const result = await exportAndDownload(ctx, session.id, options);
  ctx.out.result(`Wrote ${result.files.length} files to ${result.outDir}`, {
    sessionId: session.id,
    charactersSpent: session.charactersSpent,
    ...result,
  });
  return 0;
}
