/**
 * Starting the real studio for end-to-end tests and the bench: the built web app mounted by the
 * server, one process on a free port, a temporary DATA_DIR, and chromium from the system.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const webRoot = fileURLToPath(new URL('../../', import.meta.url));
export const repoRoot = resolve(webRoot, '../..');
export const outputDir = join(webRoot, 'test-output');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface Studio {
  url: string;
  dataDir: string;
  logs: () => string;
  stop: () => Promise<void>;
}

/** Start `apps/server/src/main.ts` (which serves `apps/web/build`) and wait until it answers. */
export async function startStudio(env: Record<string, string> = {}): Promise<Studio> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'apps/server/src/main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        TTS_PROVIDER: 'local',
        LOG_LEVEL: 'warn',
        // Whatever the developer's shell or .env says: embedded database, no token, no key.
        DATABASE_URL: '',
        STUDIO_TOKEN: '',
        ELEVENLABS_API_KEY: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The studio exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(url + '/');
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The studio did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    dataDir,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
}

/** Build the web app (the studio serves `apps/web/build`). */
export function buildWeb(): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [join(webRoot, 'node_modules/vite/bin/vite.js'), 'build'],
      {
        cwd: webRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`vite build failed (${code}):\n${output}`)),
    );
  });
}

/**
 * Replace the whole script in a CodeMirror editor. Not `locator.fill`: that selects the DOM,
 * and a redraw landing before the insert (a reading arriving from the worker) puts CodeMirror's
 * own cursor back, so the text would be inserted beside the old one. Ctrl+A selects in the
 * editor's state, which every redraw keeps.
 */
export async function replaceScript(page: Page, text: string, label = 'ELS script'): Promise<void> {
  await page.getByRole('textbox', { name: label }).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
