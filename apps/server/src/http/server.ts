/**
 * The one `node:http` request listener: tRPC (queries, mutations, SSE subscriptions), audio,
 * exports, health, sign-in, and everything else to the web app. Every request gets an id that
 * tags its log lines and is returned as `X-Request-Id`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { Context, Services } from '../context.js';
import type { Logger } from '../logger.js';
import { serveMcp } from '../mcp/http.js';
import { appRouter } from '../router/index.js';
import { MAX_SCRIPT_BYTES } from '../sessions/script.js';
import type { Auth } from './auth.js';
import type { Health } from './health.js';
import { serveHealth } from './health.js';
import { sendError } from './respond.js';
import { servePreviewAudio, serveTakeAudio } from './serve-audio.js';
import { serveExportFile } from './serve-export.js';
import type { WebHandler } from './web-app.js';

export interface HttpOptions {
  services: Services;
  auth: Auth;
  health: () => Promise<Health>;
  web: WebHandler;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const takeAudio = new RegExp(`^/audio/(${UUID})$`);
const previewAudio = /^\/audio\/preview\/([^/]+)$/;
const exportFile = new RegExp(`^/exports/(${UUID})/([^/]+)$`);

/** JSON escapes and the batch envelope make the body larger than the script it carries. */
const MAX_TRPC_BODY_BYTES = 2 * MAX_SCRIPT_BYTES;

const requestLogs = new WeakMap<IncomingMessage, { requestId: string; log: Logger }>();

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

function decodedOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function createRequestListener({
  services,
  auth,
  health,
  web,
}: HttpOptions): RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_TRPC_BODY_BYTES,
    createContext: ({ req }): Context => {
      // Refused inside tRPC so that clients get a tRPC error (with its code) for every call.
      if (!auth.isAuthorized(req as IncomingMessage)) throw new TRPCError({ code: 'UNAUTHORIZED' });
      const tagged = requestLogs.get(req as IncomingMessage);
      return {
        ...services,
        log: tagged?.log ?? services.log,
        requestId: tagged?.requestId ?? randomUUID(),
      };
    },
    onError: ({ error, path, req }) => {
      const log = requestLogs.get(req as IncomingMessage)?.log ?? services.log;
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error({ err: error.cause ?? error, path }, 'procedure failed');
      } else {
        log.info({ code: error.code, path }, 'procedure refused the request');
      }
    },
  });

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/healthz') return serveHealth(res, health);
    if (path === '/auth') return auth.handle(req, res);
    if (path === '/mcp') {
      if (!auth.isAuthorized(req)) return sendError(res, 401, 'UNAUTHORIZED');
      const tagged = requestLogs.get(req);
      return serveMcp(req, res, {
        ...services,
        log: tagged?.log ?? services.log,
        requestId: tagged?.requestId ?? randomUUID(),
      });
    }

    const api =
      path.startsWith('/trpc/') || path.startsWith('/audio/') || path.startsWith('/exports/');
    if (!api) return web(req, res);
    if (path.startsWith('/trpc/')) return trpc(req, res);
    if (!auth.isAuthorized(req)) return sendError(res, 401, 'UNAUTHORIZED');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'METHOD_NOT_SUPPORTED');
    }

    let match = previewAudio.exec(path);
    if (match) return servePreviewAudio(req, res, services, match[1]!);
    match = takeAudio.exec(path);
    if (match) return serveTakeAudio(req, res, services, match[1]!.toLowerCase());
    match = exportFile.exec(path);
    const fileName = match ? decodedOrNull(match[2]!) : null;
    if (!match || !fileName) return sendError(res, 404, 'NOT_FOUND');
    return serveExportFile(req, res, services, match[1]!.toLowerCase(), fileName);
  }

  return (req, res) => {
    const started = Date.now();
    const requestId = requestIdOf(req);
    const log = services.log.child({ requestId });
    requestLogs.set(req, { requestId, log });
    res.setHeader('X-Request-Id', requestId);
    // The query string is left out of the log: it is the client's business.
    const path = new URL(req.url ?? '/', 'http://studio.invalid').pathname;
    res.on('finish', () => {
      log.info(
        { method: req.method, path, status: res.statusCode, ms: Date.now() - started },
        'request',
      );
    });
    route(req, res, path).catch((error: unknown) => {
      log.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
  };
}
