/** Bounded batches, requests logged however they end, and the headers every response carries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_CALLS } from '../src/http/server.js';
import { createStudioClient, type StudioClient } from './support/client.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

let test: TestStudio;
let url: string;
let client: StudioClient;

beforeAll(async () => {
  test = await createTestStudio();
  url = await test.studio.start();
  client = createStudioClient(url);
});

afterAll(() => test.close());

const batchPath = (procedure: string, calls: number) =>
  `/trpc/${Array<string>(calls).fill(procedure).join(',')}?batch=1`;

describe('tRPC batches', () => {
  it(`refuses more than ${MAX_BATCH_CALLS} calls with a 400 naming the limit, before any runs`, async () => {
    const calls = MAX_BATCH_CALLS + 1;
    const input = Object.fromEntries(
      Array.from({ length: calls }, (_, i) => [i, { json: { source: numberedScript(1) } }]),
    );
    const refused = await fetch(url + batchPath('sessions.create', calls), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'BATCH_TOO_LARGE', limit: MAX_BATCH_CALLS },
    });
    expect(await client.sessions.list.query()).toEqual([]);

    const reads = await fetch(url + batchPath('sessions.list', MAX_BATCH_CALLS + 1));
    expect(reads.status).toBe(400);
  });

  it(`serves a batch of ${MAX_BATCH_CALLS}`, async () => {
    const input = encodeURIComponent(
      JSON.stringify(
        Object.fromEntries(Array.from({ length: MAX_BATCH_CALLS }, (_, i) => [i, {}])),
      ),
    );
    const served = await fetch(
      `${url + batchPath('sessions.list', MAX_BATCH_CALLS)}&input=${input}`,
    );
    expect(served.status).toBe(200);
    expect(await served.json()).toHaveLength(MAX_BATCH_CALLS);
  });
});

describe('request logs', () => {
  it('log a request the client gave up on, with its status, duration and aborted: true', async () => {
    const session = await client.sessions.create.mutate({ source: numberedScript(1) });
    const input = encodeURIComponent(JSON.stringify({ json: { sessionId: session.id } }));
    const path = '/trpc/events.session';
    const controller = new AbortController();
    const stream = await fetch(`${url}${path}?input=${input}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    controller.abort();

    const logged = () =>
      test.logs
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.path === path && entry.aborted === true);
    while (!logged()) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logged()).toMatchObject({ method: 'GET', status: 200, aborted: true });
    expect(typeof logged()!.ms).toBe('number');
  });
});

describe('response headers', () => {
  it('forbid sniffing and framing on every response, and any content on the API', async () => {
    for (const path of ['/', '/trpc/sessions.list', '/audio/preview/nothing', '/healthz']) {
      const response = await fetch(url + path);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
    const api = await fetch(`${url}/trpc/sessions.list`);
    expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(api.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
