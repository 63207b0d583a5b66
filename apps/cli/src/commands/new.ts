/** `studio new FILE.els`: a session from a script, optionally voiced and followed to the end. */
import { readFile } from 'node:fs/promises';
import { isTRPCClientError } from '@trpc/client';
import type { DialogueMode } from '@studio/audio/facts';
import type { AppRouter } from '@studio/server';
import { CliError, type ScriptDiagnostic } from '../errors.js';
import { assertAllReady, waitWithProgress } from '../follow-generation.js';
import type { SessionView } from '../resolve.js';
import type { CommandContext } from './context.js';
import { describeSession } from './show.js';

export async function readScript(file: string): Promise<string> {
  try {
    if (file === '-') {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      'FILE_UNREADABLE',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** `file:line:col: severity code message`, as `els check` prints them. */
export function formatDiagnostics(file: string, diagnostics: readonly ScriptDiagnostic[]): string {
  return diagnostics
    .map((d) => `${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`)
    .join('\n');
}

/** Creates a session from `file` (`-` = stdin); a refused script prints its diagnostics. */
export async function createSessionFromFile(
  { client, out }: CommandContext,
  file: string,
  settings: { dialogueMode?: DialogueMode } = {},
): Promise<SessionView> {
  const source = await readScript(file);
  try {
    return await client.sessions.create.mutate({ source, ...settings });
  } catch (error) {
    const diagnostics = isTRPCClientError<AppRouter>(error) ? error.data?.diagnostics : null;
    if (diagnostics) {
      out.note(formatDiagnostics(file === '-' ? '<stdin>' : file, diagnostics));
      throw new CliError('INVALID_SCRIPT', `${file} has errors; nothing was created.`, diagnostics);
    }
    throw error;
  }
}

export async function newSessionCommand(
  ctx: CommandContext,
  file: string,
  {
    generate,
    wait,
    ...settings
  }: { generate: boolean; wait: boolean; dialogueMode?: DialogueMode },
): Promise<number> {
  let session = await createSessionFromFile(ctx, file, settings);
  if (generate || wait) {
    await ctx.client.generation.start.mutate({ sessionId: session.id });
    if (wait) {
      session = await waitWithProgress(ctx, session.id);
      ctx.out.result(describeSession(session), session);
      assertAllReady(session);
      return 0;
    }
    session = await ctx.client.sessions.get.query({ sessionId: session.id });
  }
  ctx.out.result(describeSession(session), session);
  return 0;
}
