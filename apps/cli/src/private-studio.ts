/**
 * A studio of its own for `studio render` when no server is given: the real server started as a
 * child process on the embedded defaults (PGlite, local voice unless an ElevenLabs key is set,
 * bundled ffmpeg) in a temporary data folder, on a free loopback port, behind a random token.
 * A child process keeps the CLI's only import of the server a type.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Connection } from './client.js';
import { CliError } from './errors.js';

const serverMain = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));
// Generous: from source under tsx, on two busy cores, a start has taken close to two minutes.
const startTimeoutMs = 300_000;

export interface PrivateStudio {
  connection: Connection;
  dataDir: string;
  /** The server process. */
  pid: number;
  stop(): Promise<void>;
}

/** The server logs one JSON line with `url` once it listens. */
function listeningUrl(line: string): string | undefined {
  try {
    const record = JSON.parse(line) as { url?: unknown; msg?: unknown };
    return typeof record.url === 'string' && String(record.msg).includes('listening')
      ? record.url
      : undefined;
  } catch {
    return undefined;
  }
}

export async function startPrivateStudio(
  parentEnv: Record<string, string | undefined>,
): Promise<PrivateStudio> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'studio-render-'));
  const token = randomBytes(24).toString('hex');
  const env = {
    ...parentEnv,
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    STUDIO_TOKEN: token,
    LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new CliError('SERVER_START_FAILED', 'The private studio did not start in time.')),
        startTimeoutMs,
      );
      let stderr = '';
      child.stderr?.on(
        'data',
        (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)),
      );
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const found = listeningUrl(line);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(
          new CliError(
            'SERVER_START_FAILED',
            `The private studio exited (${code}): ${stderr.trim()}`,
          ),
        );
      });
    });
    return { connection: { url, token }, dataDir, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
