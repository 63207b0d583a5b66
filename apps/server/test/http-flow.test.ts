/** The whole flow over real HTTP: typed client, SSE events, audio with Range, exports. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../src/events/types.js';
import { createStudioClient, type StudioClient } from './support/client.js';
import { expectClientError } from './support/errors.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

let standIn: ElevenLabsStandIn;
let test: TestStudio;
let url: string;
let client: StudioClient;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn({ latencyMs: 20 });
  test = await createTestStudio({ standIn });
  url = await test.studio.start();
  client = createStudioClient(url);
});

afterAll(async () => {
  await test.close();
  await standIn.close();
});

/**
 * Collects a session's events until `until` says so. `started` resolves once the stream is open:
 * the server sends its first message only after it listens to the session's events.
 */
function watch(sessionId: string, until: (event: StudioEvent) => boolean) {
  const events: StudioEvent[] = [];
  let ids = 0;
  let started!: () => void;
  const open = new Promise<void>((resolve) => (started = resolve));
  const done = new Promise<StudioEvent[]>((resolve, reject) => {
    const subscription = client.events.session.subscribe(
      { sessionId },
      {
        onStarted: () => started(),
        onData: ({ id, data }) => {
          if (id) ids++;
          events.push(data);
          if (until(data)) {
            subscription.unsubscribe();
            resolve(events);
          }
        },
        onError: reject,
      },
    );
  });
  return { started: open, done, trackedIds: () => ids };
}

/** A session of `beats` beats, each voiced once. */
async function voicedSession(beats: number, title: string) {
  const { id } = await client.sessions.create.mutate({ source: numberedScript(beats, title) });
  expect(await client.generation.start.mutate({ sessionId: id })).toEqual({ queued: beats });
  await test.studio.worker.idle();
  const view = await client.sessions.get.query({ sessionId: id });
  expect(view.beats.map((beat) => beat.takes.length)).toEqual(Array(beats).fill(1));
  return view;
}

describe('over HTTP', () => {
  it('creates a session, streams generation live, and ends with one take per beat', async () => {
    const session = await client.sessions.create.mutate({ source: numberedScript(5, 'HTTP flow') });
    const sessionId = session.id;
    expect(session.progress).toMatchObject({ total: 5, pending: 5, ready: 0, fraction: 0 });
    const watcher = watch(
      sessionId,
      (event) => event.type === 'progress' && event.progress.ready === 5,
    );
    await watcher.started;
    expect(await client.generation.start.mutate({ sessionId })).toEqual({ queued: 5 });
    const events = await watcher.done;

    const types = new Set(events.map((event) => event.type));
    expect([...types]).toEqual(expect.arrayContaining(['session', 'beat', 'take', 'progress']));
    expect(events.filter((event) => event.type === 'take')).toHaveLength(5);
    expect(watcher.trackedIds()).toBe(events.length);
    const statuses = events.flatMap((event) => (event.type === 'beat' ? [event.beat.status] : []));
    expect(statuses).toEqual(expect.arrayContaining(['queued', 'generating', 'ready']));

    const view = await client.sessions.get.query({ sessionId });
    expect(view.beats.map((beat) => beat.takes.length)).toEqual([1, 1, 1, 1, 1]);
    // The session carries the progress the last event reported.
    const last = events.at(-1);
    expect(last?.type === 'progress' ? last.progress : null).toEqual(view.progress);
    // superjson: dates stay dates.
    expect(view.createdAt).toBeInstanceOf(Date);
  });

  it('streams audio with Range, immutable caching and validators', async () => {
    const view = await voicedSession(1, 'HTTP audio');
    const sessionId = view.id;
    const take = view.beats[0]!.takes[0]!;
    const whole = await fetch(url + take.audioUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/mpeg');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = whole.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const bytes = Buffer.from(await whole.arrayBuffer());
    const size = bytes.length;
    expect(size).toBeGreaterThan(1000);
    // The bytes on disk, read independently of the server.
    const [key] = await test.studio.services.storage.list(
      `takes/${sessionId}/${view.beats[0]!.beatKey}-`,
    );
    const stored = await readFile(join(test.config.dataDir, 'storage', key!));
    expect(bytes.equals(stored)).toBe(true);

    const part = await fetch(url + take.audioUrl, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await fetch(url + take.audioUrl, { headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);

    const beyond = await fetch(url + take.audioUrl, { headers: { Range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);

    const cached = await fetch(url + take.audioUrl, { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);

    for (const path of [
      '/audio/00000000-0000-4000-8000-000000000000',
      '/audio/not-an-id',
      '/audio/../etc/passwd',
    ]) {
      expect((await fetch(url + path)).status).toBe(404);
    }
  });

  it('keeps exactly one selected take under 50 concurrent selections', async () => {
    const before = await voicedSession(2, 'HTTP selections');
    const sessionId = before.id;
    const beat = before.beats[1]!;
    await client.generation.regenerateBeat.mutate({
      sessionId,
      beatId: beat.id,
      overrides: { style: 0.9 },
    });
    await client.generation.regenerateBeat.mutate({
      sessionId,
      beatId: beat.id,
      overrides: { style: 0.1 },
    });
    await test.studio.worker.idle();
    const takes = (await client.sessions.get.query({ sessionId })).beats[1]!.takes;
    expect(takes).toHaveLength(3);

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.takes.select.mutate({ beatId: beat.id, takeId: takes[i % 3]!.id }),
      ),
    );
    expect(results).toHaveLength(50);
    const after = (await client.sessions.get.query({ sessionId })).beats[1]!;
    expect(after.takes.filter((take) => take.selected)).toHaveLength(1);
    expect(takes.map((take) => take.id)).toContain(after.selectedTakeId);
  });

  it('exports and serves only the files the export lists', async () => {
    const { id: sessionId } = await voicedSession(2, 'HTTP export');
    const done = await client.exports.create.mutate({ sessionId, loudness: -14, partial: false });
    expect(done.status).toBe('ready');
    const master = done.files.find((file) => file.name === 'master.mp3')!;
    const response = await fetch(url + master.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      'attachment; filename="master.mp3"',
    );
    expect((await response.arrayBuffer()).byteLength).toBe(master.bytes);
    const zip = done.files.find((file) => file.name.endsWith('.zip'))!;
    expect((await fetch(url + zip.url)).headers.get('content-type')).toBe('application/zip');

    for (const name of ['nothing.mp3', '..%2F..%2Fmanifest.json', '%2E%2E', 'master.mp3%00']) {
      expect((await fetch(`${url}/exports/${done.id}/${name}`)).status).toBe(404);
    }
    expect((await fetch(`${url}/exports/${done.id}/../../etc/passwd`)).status).toBe(404);
  });

  it('reports errors with their codes, zod fields and script diagnostics', async () => {
    const invalid = await expectClientError(
      client.sessions.create.mutate({ source: '[BEAT: x]\nHello\n' }),
      'BAD_REQUEST',
      'INVALID_SCRIPT',
    );
    expect(invalid.diagnostics?.map((d) => d.code)).toContain('meta/missing');
    const zod = await expectClientError(
      client.sessions.get.query({ sessionId: 'nope' }),
      'BAD_REQUEST',
    );
    expect(zod.zod?.fieldErrors).toHaveProperty('sessionId');
    const nested = await expectClientError(
      client.generation.regenerateBeat.mutate({
        sessionId: '00000000-0000-4000-8000-000000000000',
        beatId: '00000000-0000-4000-8000-000000000000',
        overrides: { stability: 7 },
      }),
      'BAD_REQUEST',
    );
    // The whole path, so the field named is the one to fix.
    expect(Object.keys(nested.zod?.fieldErrors ?? {})).toEqual(['overrides.stability']);
    await expectClientError(
      client.sessions.get.query({ sessionId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
      'SESSION_NOT_FOUND',
    );
  });

  it('reports health, and points to the web build when there is none', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      ok: true,
      database: 'ok',
      ffmpeg: 'ok',
      provider: { name: 'elevenlabs', status: 'ok' },
      // The stand-in's subscription: nothing voiced against its default limit yet, or some.
      credits: { remaining: expect.any(Number), limit: 1_000_000_000 },
    });
    const page = await fetch(`${url}/sessions`);
    expect(page.status).toBe(404);
    expect(((await page.json()) as { error: { code: string } }).error.code).toBe(
      'WEB_APP_NOT_BUILT',
    );
    expect(page.headers.get('x-request-id')).toBeTruthy();
  });
});
