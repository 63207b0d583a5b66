/**
 * DNS rebinding and cross-origin changes: a page on a name of its own that resolves to 127.0.0.1
 * reaches the studio with that name as `Host`; a page of another origin posts with its `Origin`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioClient, type StudioClient } from './support/client.js';
import { postMutation, rawRequest } from './support/raw-http.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('without a token', () => {
  let test: TestStudio;
  let url: string;
  let port: string;
  let client: StudioClient;
  let sessionId: string;

  beforeAll(async () => {
    test = await createTestStudio();
    url = await test.studio.start();
    port = new URL(url).port;
    client = createStudioClient(url);
    sessionId = (await client.sessions.create.mutate({ source: numberedScript(1, 'Original') })).id;
  });

  afterAll(() => test.close());

  const rename = (videoTitle: string, headers: Record<string, string>) =>
    postMutation(url, 'sessions.rename', { sessionId, videoTitle }, headers);
  const titleNow = async () => (await client.sessions.get.query({ sessionId })).videoTitle;

  it('refuses a rebound name: nothing read, nothing changed', async () => {
    const attacker = `attacker.example:${port}`;
    const renamed = await rename('Owned', {
      Host: attacker,
      Origin: `http://${attacker}`,
    });
    expect(renamed.status).toBe(421);
    expect(codeOf(renamed.body)).toBe('HOST_NOT_ALLOWED');
    const listed = await rawRequest(url, '/trpc/sessions.list', { headers: { Host: attacker } });
    expect(listed.status).toBe(421);
    expect(listed.body).not.toContain(sessionId);
    // A loopback name on another port is another site too.
    const otherPort = await rawRequest(url, '/trpc/sessions.list', {
      headers: { Host: `localhost:${Number(port) + 1}` },
    });
    expect(otherPort.status).toBe(421);
    expect(await titleNow()).toBe('Original');
  });

  it('refuses a change posted by a page of another origin to the right host', async () => {
    const refused = await rename('Owned', {
      Host: `127.0.0.1:${port}`,
      Origin: `http://attacker.example:${port}`,
    });
    expect(refused.status).toBe(403);
    expect(codeOf(refused.body)).toBe('ORIGIN_NOT_ALLOWED');
    const signOut = await rawRequest(url, '/auth', {
      method: 'DELETE',
      headers: { Origin: 'null' },
    });
    expect(signOut.status).toBe(403);
    expect(await titleNow()).toBe('Original');
  });

  it('serves the names the studio is served as, from its own pages and from tools', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const renamed = await rename(`Renamed via ${host}`, { Host: host, Origin: `http://${host}` });
      expect(renamed.status).toBe(200);
      expect(await titleNow()).toBe(`Renamed via ${host}`);
    }
    // A tool sends no Origin.
    expect((await rename('From a tool', { Host: `localhost:${port}` })).status).toBe(200);
    expect(await titleNow()).toBe('From a tool');
  });

  it('answers /healthz whatever the name, since it says only "ok"', async () => {
    const health = await rawRequest(url, '/healthz', { headers: { Host: 'probe.internal' } });
    expect(health.status).toBe(200);
  });
});

describe('behind a reverse proxy (ALLOWED_HOSTS)', () => {
  let test: TestStudio;
  let url: string;
  let sessionId: string;

  beforeAll(async () => {
    test = await createTestStudio({
      env: { ALLOWED_HOSTS: 'studio.example.com, tools.example.com:8443' },
    });
    url = await test.studio.start();
    sessionId = (
      await createStudioClient(url).sessions.create.mutate({ source: numberedScript(1) })
    ).id;
  });

  afterAll(() => test.close());

  it('serves the listed names, on any port or the one listed', async () => {
    const viaProxy = await postMutation(
      url,
      'sessions.rename',
      { sessionId, videoTitle: 'Proxied' },
      { Host: 'studio.example.com', Origin: 'https://studio.example.com' },
    );
    expect(viaProxy.status).toBe(200);
    const listed = await rawRequest(url, '/trpc/sessions.list', {
      headers: { Host: 'tools.example.com:8443' },
    });
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('Proxied');
    for (const host of ['tools.example.com:9443', 'evil.example.com']) {
      expect(
        (await rawRequest(url, '/trpc/sessions.list', { headers: { Host: host } })).status,
      ).toBe(421);
    }
  });
});
