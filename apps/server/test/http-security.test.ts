/** The studio token, request limits and secrets: nothing reachable or leaked without the token. */
import { cpSync, renameSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getTake } from '@studio/db';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { MAX_SCRIPT_BYTES } from '../src/sessions/script.js';
import { spawnStudio } from './support/child.js';
import { createStudioClient } from './support/client.js';
import { expectClientError } from './support/errors.js';
import { numberedScript, script } from './support/scripts.js';
import { createTestStudio, tempDir, type TestStudio } from './support/studio.js';

const apiKey = 'sk_secret_0123456789abcdef_do_not_leak';
const token = 'studio-token-0123456789-abcdef';
/** The voice every seeded profile uses; any other is refused by the stand-in (`voice_not_found`). */
const knownVoice = 'BRruTxiLM2nszrcCIpz1';

let standIn: ElevenLabsStandIn;
let test: TestStudio;
let url: string;
/** Every response body this test received, to look for secrets in. */
const bodies: string[] = [];

async function get(path: string, init: RequestInit = {}) {
  const response = await fetch(url + path, init);
  const body = Buffer.from(await response.arrayBuffer()).toString('latin1');
  bodies.push(body, JSON.stringify([...response.headers]));
  return { response, body };
}

beforeAll(async () => {
  standIn = await startElevenLabsStandIn({ apiKey, voices: [knownVoice] });
  test = await createTestStudio({ standIn, env: { STUDIO_TOKEN: token, LOG_LEVEL: 'trace' } });
  url = await test.studio.start();
});

afterAll(async () => {
  await test.close();
  await standIn.close();
});

describe('with STUDIO_TOKEN set', () => {
  let takeUrl: string;
  let exportUrl: string;

  it('serves the API with the bearer token', async () => {
    const client = createStudioClient(url, token);
    const session = await client.sessions.create.mutate({ source: numberedScript(2, 'Secure') });
    await client.generation.start.mutate({ sessionId: session.id });
    await test.studio.worker.idle();
    const view = await client.sessions.get.query({ sessionId: session.id });
    bodies.push(JSON.stringify(view));
    takeUrl = view.beats[0]!.takes[0]!.audioUrl;
    const exported = await client.exports.create.mutate({
      sessionId: session.id,
      loudness: null,
      partial: false,
    });
    bodies.push(JSON.stringify(exported));
    exportUrl = exported.files[0]!.url;

    // A provider failure, logged with its whole error chain, must not carry the key either.
    await client.voices.update.mutate({
      character: 'fed',
      patch: { voiceId: 'NoSuchVoice000000000' },
    });
    const failing = await client.sessions.create.mutate({
      source: script([{ id: 'f', body: '[CHARACTER: fed]\nRates are up.' }]),
    });
    await client.generation.start.mutate({ sessionId: failing.id });
    await test.studio.worker.idle();
    const failed = await client.sessions.get.query({ sessionId: failing.id });
    bodies.push(JSON.stringify(failed));
    expect(failed.beats[0]).toMatchObject({ status: 'failed', error: { code: 'voice_not_found' } });
  });

  it('answers 401 without the token on the API, audio and exports', async () => {
    const sessionList = '/trpc/sessions.list';
    for (const path of [
      sessionList,
      takeUrl,
      exportUrl,
      '/audio/preview/0123456789abcdef0123456789abcdef',
    ]) {
      expect((await get(path)).response.status).toBe(401);
      expect(
        (await get(path, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).response
          .status,
      ).toBe(401);
    }
    const refused = await expectClientError(
      createStudioClient(url).sessions.list.query(),
      'UNAUTHORIZED',
    );
    expect(refused.httpStatus).toBe(401);
    expect(
      (await get(sessionList, { headers: { Authorization: `Bearer ${token}` } })).response.status,
    ).toBe(200);
    expect(
      (await get(takeUrl, { headers: { Authorization: `Bearer ${token}` } })).response.status,
    ).toBe(200);
  });

  it('lets a browser sign in once and play audio and downloads with the HttpOnly cookie', async () => {
    expect(await (await get('/auth')).response.status).toBe(200);
    const { body: before } = await get('/auth');
    expect(JSON.parse(before)).toEqual({ required: true, authenticated: false });

    const refused = await fetch(`${url}/auth`, {
      method: 'POST',
      body: JSON.stringify({ token: 'nope' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('set-cookie')).toBeNull();

    const signIn = await fetch(`${url}/auth`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(signIn.status).toBe(204);
    const setCookie = signIn.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(token);
    const cookie = setCookie.split(';')[0]!;

    expect(
      (await get(takeUrl, { headers: { Cookie: cookie, Range: 'bytes=0-9' } })).response.status,
    ).toBe(206);
    expect((await get(exportUrl, { headers: { Cookie: cookie } })).response.status).toBe(200);
    expect(
      (await get('/trpc/sessions.list', { headers: { Cookie: cookie } })).response.status,
    ).toBe(200);
    expect(JSON.parse((await get('/auth', { headers: { Cookie: cookie } })).body)).toEqual({
      required: true,
      authenticated: true,
    });
    // A page of another origin cannot use the browser's cookie to change anything.
    const forged = await fetch(`${url}/trpc/sessions.create`, {
      method: 'POST',
      headers: {
        Cookie: cookie,
        Origin: 'http://evil.example',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ json: { source: numberedScript(1) } }),
    });
    expect(forged.status).toBe(403);
    expect(
      (await get(takeUrl, { headers: { Cookie: 'studio_session=forged' } })).response.status,
    ).toBe(401);
  });

  it('lets only the signed-in browser keep a copy of the audio', async () => {
    const { response } = await get(takeUrl, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.headers.get('cache-control')).toMatch(/^private,/);
  });

  it('serves no file the data folder links to, inside or outside it', async () => {
    const take = await getTake(test.studio.services.db, takeUrl.split('/').pop()!);
    const stored = join(test.config.dataDir, 'storage', ...take!.storageKey.split('/'));
    const outside = join(tempDir(), 'secret.mp3');
    writeFileSync(outside, 'not for the studio to serve');
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    expect((await get(takeUrl, auth)).response.status).toBe(200);

    const kept = `${stored}.kept`;
    renameSync(stored, kept);
    symlinkSync(outside, stored);
    expect((await get(takeUrl, auth)).response.status).toBe(404);
    // A link to a real take inside the root is no object either.
    unlinkSync(stored);
    symlinkSync(kept, stored);
    expect((await get(takeUrl, auth)).response.status).toBe(404);
    // Nor is a file reached through a linked folder that leads out of the root.
    unlinkSync(stored);
    renameSync(kept, stored);
    const folder = dirname(stored);
    const outsideFolder = tempDir();
    cpSync(folder, outsideFolder, { recursive: true });
    renameSync(folder, `${folder}.kept`);
    symlinkSync(outsideFolder, folder);
    expect((await get(takeUrl, auth)).response.status).toBe(404);
    unlinkSync(folder);
    renameSync(`${folder}.kept`, folder);
    expect((await get(takeUrl, auth)).response.status).toBe(200);
  });

  it('keeps /healthz open without revealing anything', async () => {
    const { response, body } = await get('/healthz');
    expect(response.status).toBe(200);
    expect(Object.keys(JSON.parse(body)).sort()).toEqual([
      'credits',
      'database',
      'ffmpeg',
      'ok',
      'provider',
    ]);
    expect(body).not.toContain(test.config.dataDir);
  });

  it('refuses a script over 2 MB with PAYLOAD_TOO_LARGE', async () => {
    const client = createStudioClient(url, token);
    const header = numberedScript(1);
    // Just over the limit: the procedure refuses it.
    const over = header + '\n'.repeat(MAX_SCRIPT_BYTES + 1 - header.length);
    const data = await expectClientError(
      client.sessions.create.mutate({ source: over }),
      'PAYLOAD_TOO_LARGE',
    );
    expect(data.httpStatus).toBe(413);
    // Far over: the request body is cut off before it is read whole.
    const huge = 'x'.repeat(6 * MAX_SCRIPT_BYTES);
    await expectClientError(client.sessions.create.mutate({ source: huge }), 'PAYLOAD_TOO_LARGE');
  });

  it('never writes the API key or the token into a log line or a response', async () => {
    expect(test.logs.length).toBeGreaterThan(10);
    const everything = [...test.logs, ...bodies].join('\n');
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain(token);
    // The provider was really used with that key.
    expect(standIn.counters.synthesized).toBeGreaterThan(0);
  });
});

describe('the logger', () => {
  it('removes secrets by path and by value, wherever they appear', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      secrets: [apiKey, token],
      destination: { write: (line: string) => void lines.push(line) },
    });
    log.info({ headers: { authorization: 'Bearer abc', 'xi-api-key': 'abc' } }, 'request');
    log.error({ err: new Error(`upstream said: bad key ${apiKey}`) }, `token ${token} refused`);
    const text = lines.join('');
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(token);
    expect(text).not.toContain('Bearer abc');
    expect(text).toContain('[redacted]');
  });
});

describe('starting up', () => {
  it('refuses a non-loopback HOST without a token, with exit code 1', async () => {
    const studio = spawnStudio({ HOST: '0.0.0.0', PORT: '0', DATA_DIR: tempDir() });
    expect(await studio.exited).toBe(1);
    expect(studio.output()).toContain('STUDIO_TOKEN');
  });

  it('refuses a STUDIO_TOKEN of only whitespace instead of running without auth', async () => {
    const studio = spawnStudio({ STUDIO_TOKEN: '   \t ', PORT: '0', DATA_DIR: tempDir() });
    expect(await studio.exited).toBe(1);
    expect(studio.output()).toContain('STUDIO_TOKEN');
  });

  it('names each bad setting and exits with code 1', async () => {
    const studio = spawnStudio({ PORT: 'abc', TTS_PROVIDER: 'robot', DATA_DIR: tempDir() });
    expect(await studio.exited).toBe(1);
    expect(studio.output()).toContain('PORT');
    expect(studio.output()).toContain('TTS_PROVIDER');
  });
});
