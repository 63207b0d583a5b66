/**
 * The one `node:http` request listener: tRPC (queries, mutations, SSE subscriptions), audio,
 * exports, health, sign-in, and everything else to the web app. Every request gets an id that
 * tags its log lines and is returned as `X-Request-Id`, and is logged when it ends — finished
 * or cut off by the client. Before anything runs, the `Host` and `Origin` are checked
 * (`host-policy.ts`).
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
import { sendRefusal, type Auth } from './auth.js';
import type { Health } from './health.js';
import { serveHealth } from './health.js';
import type { HostPolicy } from './host-policy.js';
import { sendError, sendJson } from './respond.js';
import { servePreviewAudio, serveTakeAudio } from './serve-audio.js';
import { serveExportFile } from './serve-export.js';
import type { WebHandler } from './web-app.js';

export interface HttpOptions {
  services: Services;
  auth: Auth;
  hosts: HostPolicy;
  health: () => Promise<Health>;
  web: WebHandler;
}

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const takeAudio = new RegExp(`^/audio/(${UUID})$`);
const previewAudio = /^\/audio\/preview\/([^/]+)$/;
const exportFile = new RegExp(`^/exports/(${UUID})/([^/]+)$`);

/** JSON escapes and the batch envelope make the body larger than the script it carries. */
const MAX_TRPC_BODY_BYTES = 2 * MAX_SCRIPT_BYTES;

/**
 * Calls in one `?batch=1` request. Every call of a batch runs before the first byte is sent, so
 * an unbounded batch holds the event loop and memory for as long as a client likes (100 list
 * calls blocked it for 20 s). The studio's own clients split their batches at this size.
 */
export const MAX_BATCH_CALLS = 20;

/** Headers every response carries: nothing is sniffed into another type or framed by a page. */
const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' };
/** The API, audio and downloads are never documents: they may load nothing and sit in no frame. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

function batchSize(req: IncomingMessage, path: string): number {
  const batched =
    new URL(req.url ?? '/', 'http://studio.invalid').searchParams.get('batch') === '1';
  return batched ? path.slice('/trpc/'.length).split(',').length : 1;
}

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
  hosts,
  health,
  web,
}: HttpOptions): RequestListener {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_TRPC_BODY_BYTES,
    createContext: async ({ req, res }): Promise<Context> => {
      // Refused inside tRPC so that clients get a tRPC error (with its code) for every call.
      const verdict = await auth.check(req as IncomingMessage);
      if (verdict.kind === 'throttled') {
        res.setHeader('Retry-After', String(verdict.retryAfterS));
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS' });
      }
      if (verdict.kind !== 'ok') throw new TRPCError({ code: 'UNAUTHORIZED' });
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
    // Health probes address the studio by whatever name they like; it says only "ok" or not.
    if (path === '/healthz') return serveHealth(res, health);
    if (!hosts.acceptsHost(req)) {
      return sendJson(res, 421, {
        error: {
          code: 'HOST_NOT_ALLOWED',
          hint: 'The studio answers to loopback names, HOST and ALLOWED_HOSTS: add the name it is served as to ALLOWED_HOSTS.',
        },
      });
    }
    if (!hosts.acceptsOrigin(req)) {
      return sendJson(res, 403, {
        error: {
          code: 'ORIGIN_NOT_ALLOWED',
          hint: 'Changes are accepted only from pages of the studio itself (its host, or ALLOWED_HOSTS).',
        },
      });
    }
    if (path === '/auth') return auth.handle(req, res);
    if (path === '/mcp') {
      const verdict = await auth.check(req);
      if (verdict.kind !== 'ok') return sendRefusal(res, verdict);
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
    res.setHeader('Content-Security-Policy', API_CSP);
    if (path.startsWith('/trpc/')) {
      if (batchSize(req, path) > MAX_BATCH_CALLS) {
        return sendJson(res, 400, {
          error: {
            code: 'BATCH_TOO_LARGE',
            limit: MAX_BATCH_CALLS,
            hint: `Send at most ${MAX_BATCH_CALLS} calls in one batch.`,
          },
        });
      }
      return trpc(req, res);
    }
    const verdict = await auth.check(req);
    if (verdict.kind !== 'ok') return sendRefusal(res, verdict);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, 405, 'METHOD_NOT_SUPPORTED');
    }

    const audience = auth.required ? 'private' : 'public';
    let match = previewAudio.exec(path);
    if (match) return servePreviewAudio(req, res, services, match[1]!, audience);
    match = takeAudio.exec(path);
    if (match) return serveTakeAudio(req, res, services, match[1]!.toLowerCase(), audience);
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
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    // The query string is left out of the log: it is the client's business.
    const path = new URL(req.url ?? '/', 'http://studio.invalid').pathname;
    // `close` comes for every request, also one the client gave up on before its answer ended.
    res.once('close', () => {
      const ended = { method: req.method, path, status: res.statusCode, ms: Date.now() - started };
      // Info either way: a closed event stream is an aborted request too, and an ordinary one.
      log.info(res.writableFinished ? ended : { ...ended, aborted: true }, 'request');
    });
    route(req, res, path).catch((error: unknown) => {
      log.error({ err: error, path }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
  };
}
