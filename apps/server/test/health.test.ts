import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StudioDb } from '@studio/db';
import type { SpeechProvider } from '@studio/audio';
import { describe, expect, it } from 'vitest';
import { createAccount } from '../src/account/account.js';
import { createHealthCheck, serveHealth } from '../src/http/health.js';
import { createLogger } from '../src/logger.js';

describe('/healthz', () => {
  it('answers 503 naming what is not ready, and nothing more', async () => {
    const brokenDb = {
      select: () => {
        throw new Error('connection refused to postgres://user:secret@db');
      },
    } as unknown as StudioDb;
    const health = createHealthCheck({
      db: brokenDb,
      provider: { name: 'local' } as SpeechProvider,
      ffmpegPath: '/nonexistent/ffmpeg',
      account: createAccount({ kind: 'local' }, createLogger({ level: 'silent', secrets: [] })),
    });
    const server = createServer((_req, res) => void serveHealth(res, health));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(503);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({
        ok: false,
        database: 'failing',
        ffmpeg: 'failing',
        provider: { name: 'local', status: 'ok' },
        credits: null,
      });
      expect(body).not.toContain('secret');
    } finally {
      server.close();
    }
  });
});
