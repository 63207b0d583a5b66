/** SIGKILL mid-generation, start again: every beat ends with exactly one take, no orphan files. */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnStudio, waitUntilListening, type StudioProcess } from './support/child.js';
import { createStudioClient } from './support/client.js';
import { numberedScript } from './support/scripts.js';
import { tempDir } from './support/studio.js';

let standIn: ElevenLabsStandIn;
let dataDir: string;
let running: StudioProcess | undefined;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn({ latencyMs: 250, concurrencyCap: 4 });
  dataDir = tempDir('studio-crash-');
});

afterAll(async () => {
  running?.child.kill('SIGKILL');
  await standIn.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('a crash mid-generation', () => {
  it('loses nothing and duplicates nothing', async () => {
    const env = {
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      ELEVENLABS_API_KEY: standIn.apiKey,
      ELEVENLABS_BASE_URL: standIn.baseUrl,
      GENERATION_CONCURRENCY: '4',
      LOG_LEVEL: 'info',
    };
    running = spawnStudio(env);
    await waitUntilListening(running);
    const client = createStudioClient(`http://127.0.0.1:${env.PORT}`);
    const session = await client.sessions.create.mutate({ source: numberedScript(20, 'Crash') });
    await client.generation.start.mutate({ sessionId: session.id });

    // Kill it with a few takes written and several beats in flight.
    const takesDir = join(dataDir, 'storage', 'takes', session.id);
    const written = () => (existsSync(takesDir) ? readdirSync(takesDir).length : 0);
    await until(() => written() >= 4, 30_000);
    running.child.kill('SIGKILL');
    await running.exited;
    expect(written()).toBeLessThan(20);

    // What else a crash can leave: a half-written temp file, a file whose take row never came.
    const strayTake = `b99-${randomUUID()}.mp3`;
    const tempFile = `.b01-${randomUUID()}.mp3.${randomUUID()}.tmp`;
    writeFileSync(join(takesDir, strayTake), 'not audio');
    writeFileSync(join(takesDir, tempFile), 'half');

    running = spawnStudio(env);
    await waitUntilListening(running);
    expect(running.output()).toContain('requeued interrupted jobs');
    await until(async () => {
      const view = await client.sessions.get.query({ sessionId: session.id });
      return view.beats.every((beat) => beat.status === 'ready');
    }, 60_000);

    const view = await client.sessions.get.query({ sessionId: session.id });
    expect(view.beats.map((beat) => beat.takes.length)).toEqual(Array(20).fill(1));
    expect(view.charactersSpent).toBeGreaterThan(0);
    for (const beat of view.beats) {
      const response = await fetch(`http://127.0.0.1:${env.PORT}${beat.takes[0]!.audioUrl}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    // Exactly one file per take, nothing else.
    const files = readdirSync(takesDir).sort();
    expect(files).toHaveLength(20);
    expect(files.every((file) => /^b\d\d-[0-9a-f-]{36}\.mp3$/.test(file))).toBe(true);
    expect(files).not.toContain(strayTake);

    // A graceful stop exits cleanly.
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    running = undefined;
  });
});
