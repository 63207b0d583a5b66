import { writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWebApp } from '../src/http/web-app.js';
import { tempDir } from './support/studio.js';

async function get(listener: RequestListener, path: string) {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  } finally {
    server.close();
  }
}

describe('the web app mount', () => {
  it('hands requests to the built SvelteKit handler, and its `next` to a 404', async () => {
    const handlerPath = join(tempDir(), 'handler.js');
    writeFileSync(
      handlerPath,
      `export const handler = (req, res, next) =>
        req.url === '/' ? res.end('web app') : next();`,
    );
    const web = await loadWebApp(handlerPath);
    expect(await get(web, '/')).toEqual({ status: 200, body: 'web app' });
    expect((await get(web, '/elsewhere')).status).toBe(404);
  });

  it('says how to build the web app when there is none', async () => {
    const web = await loadWebApp(join(tempDir(), 'missing', 'handler.js'));
    const { status, body } = await get(web, '/');
    expect(status).toBe(404);
    expect(JSON.parse(body).error.code).toBe('WEB_APP_NOT_BUILT');
  });
});
