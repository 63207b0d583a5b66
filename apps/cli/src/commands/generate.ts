/** `studio new`, `studio regenerate`, `studio select`: scripts in, beats voiced, takes picked. */
import { readFile } from 'node:fs/promises';
import { CliError } from '../errors.js';
import { formatProgress } from '../progress.js';
import { resolveBeat, resolveSessionId, resolveTake, type SessionView } from '../resolve.js';
import { waitForSession } from '../wait-for-session.js';
import type { CommandContext } from './context.js';
import { describeSession } from './sessions.js';

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

interface Diagnostic {
  severity: string;
  code: string;
  message: string;
  line: number;
  column: number;
}

/** `file:line:col: severity code message`, as `els check` prints them. */
export function formatDiagnostics(file: string, diagnostics: unknown): string {
  if (!Array.isArray(diagnostics)) return '';
  return (diagnostics as Diagnostic[])
    .map((d) => `${file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`)
    .join('\n');
}

export async function createSessionFromFile(
  { client, out }: CommandContext,
  file: string,
): Promise<SessionView> {
  const source = await readScript(file);
  try {
    return await client.sessions.create.mutate({ source });
  } catch (error) {
    const data = (error as { data?: { diagnostics?: unknown } }).data;
    if (data?.diagnostics != null) {
      out.note(formatDiagnostics(file === '-' ? '<stdin>' : file, data.diagnostics));
      throw new CliError(
        'INVALID_SCRIPT',
        `${file} has errors; nothing was created.`,
        data.diagnostics,
      );
    }
    throw error;
  }
}

/** Follows generation live until it settles; the session as it ended. */
export async function waitWithProgress(
  { client, out }: CommandContext,
  sessionId: string,
): Promise<SessionView> {
  const started = Date.now();
  const session = await waitForSession(client, sessionId, {
    onProgress: (s) =>
      out.status(
        formatProgress({
          done: s.progress.ready,
          failed: s.progress.failed,
          total: s.progress.total,
          charactersSpent: s.charactersSpent,
          elapsedMs: Date.now() - started,
        }),
      ),
  });
  out.endStatus();
  return session;
}

export function assertAllReady(session: SessionView): void {
  const notReady = session.beats.filter((beat) => beat.status !== 'ready');
  if (notReady.length > 0) {
    throw new CliError(
      'GENERATION_INCOMPLETE',
      `${notReady.length} beat(s) not ready: ${notReady
        .map((beat) => `${beat.beatKey} (${beat.error?.code ?? beat.status})`)
        .join(', ')}`,
      { session },
    );
  }
}

export async function newSessionCommand(
  ctx: CommandContext,
  file: string,
  { generate, wait }: { generate: boolean; wait: boolean },
): Promise<number> {
  let session = await createSessionFromFile(ctx, file);
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

export interface RegenerateOptions {
  direction?: string;
  pace?: string;
  stability?: number;
  style?: number;
  similarityBoost?: number;
  wait: boolean;
}

export async function regenerateCommand(
  ctx: CommandContext,
  sessionRef: string,
  beatRef: string,
  { wait, ...overrides }: RegenerateOptions,
): Promise<number> {
  const { client, out } = ctx;
  const sessionId = resolveSessionId(await client.sessions.list.query(), sessionRef);
  const beat = resolveBeat(await client.sessions.get.query({ sessionId }), beatRef);
  await client.generation.regenerateBeat.mutate({
    sessionId,
    beatId: beat.id,
    // The server validates the values (ranges, paces) and names the bad field.
    overrides: overrides as never,
  });
  if (!wait) {
    out.result(`Queued a new take of ${beat.beatKey}.`, {
      sessionId,
      beatId: beat.id,
      queued: true,
    });
    return 0;
  }
  const session = await waitWithProgress(ctx, sessionId);
  const after = resolveBeat(session, beat.id);
  const take = after.takes.at(-1);
  if (after.status !== 'ready' || !take || take.id === beat.takes.at(-1)?.id) {
    throw new CliError(
      'GENERATION_INCOMPLETE',
      `${beat.beatKey}: ${after.error?.code ?? after.status}`,
      after,
    );
  }
  out.result(`New take ${after.takes.length} of ${beat.beatKey} (${take.id}).`, take);
  return 0;
}

export async function selectCommand(
  { client, out }: CommandContext,
  sessionRef: string,
  beatRef: string,
  takeRef: string,
): Promise<number> {
  const sessionId = resolveSessionId(await client.sessions.list.query(), sessionRef);
  const beat = resolveBeat(await client.sessions.get.query({ sessionId }), beatRef);
  const take = resolveTake(beat, takeRef);
  const result = await client.takes.select.mutate({ beatId: beat.id, takeId: take.id });
  out.result(`Selected take ${beat.takes.indexOf(take) + 1} of ${beat.beatKey}.`, result);
  return 0;
}
