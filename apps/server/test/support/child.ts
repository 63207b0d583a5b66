/**
 * The studio as `pnpm start` runs it: the bundle, `node dist/main.mjs`, in a child process
 * (`test/global-setup.ts` builds it before the suite).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serverBundle } from '../../bundle.js';

const serverDir = fileURLToPath(new URL('../../', import.meta.url));

export interface StudioProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function spawnStudio(env: Record<string, string>): StudioProcess {
  const child = spawn(process.execPath, [serverBundle], {
    cwd: serverDir,
    // Only what the test gives: nothing from the developer's environment leaks in.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/** Resolves once the studio logged its URL; rejects if it exits first. */
export async function waitUntilListening(studio: StudioProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void studio.exited.then(() => (exited = true));
  while (!studio.output().includes('studio listening on')) {
    if (exited) throw new Error(`studio exited:\n${studio.output()}`);
    if (Date.now() > deadline) throw new Error(`studio did not start:\n${studio.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
