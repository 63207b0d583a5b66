/**
 * The studio token. Tools send `Authorization: Bearer <token>`; browsers `POST /auth` once and
 * then carry an HttpOnly cookie, which `<audio src>` and download links send by themselves —
 * so the token never sits in a URL, a page or a log.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendError, sendJson } from './respond.js';

const cookieName = 'studio_session';
const cookieMaxAgeS = 30 * 24 * 3600;

export interface Auth {
  required: boolean;
  isAuthorized(req: IncomingMessage): boolean;
  /** `GET|POST|DELETE /auth`. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function cookieValue(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1]?.trim();
}

/** A browser that authenticates by cookie may only change state from this very origin. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || req.method === 'GET' || req.method === 'HEAD') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function createAuth(token: string | undefined): Auth {
  // The cookie holds a value derived from the token, not the token itself.
  const session = token ? createHmac('sha256', token).update('studio-session').digest('hex') : '';

  const isAuthorized = (req: IncomingMessage): boolean => {
    if (!token) return true;
    const fromHeader = bearer(req);
    if (fromHeader !== undefined) return sameSecret(fromHeader, token);
    const fromCookie = cookieValue(req);
    return fromCookie !== undefined && sameSecret(fromCookie, session) && sameOrigin(req);
  };

  return {
    required: !!token,
    isAuthorized,
    async handle(req, res) {
      if (req.method === 'GET') {
        sendJson(res, 200, { required: !!token, authenticated: isAuthorized(req) });
        return;
      }
      if (req.method === 'DELETE') {
        res.setHeader('Set-Cookie', `${cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
        res.writeHead(204).end();
        return;
      }
      if (req.method !== 'POST') {
        sendError(res, 405, 'METHOD_NOT_SUPPORTED');
        return;
      }
      const body = await readBody(req, 4096);
      if (body === null) {
        sendError(res, 413, 'PAYLOAD_TOO_LARGE');
        return;
      }
      const given = parseTokenBody(body, req.headers['content-type']);
      if (!token || given === undefined || !sameSecret(given, token)) {
        sendError(res, 401, 'UNAUTHORIZED');
        return;
      }
      res.setHeader(
        'Set-Cookie',
        `${cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${cookieMaxAgeS}`,
      );
      res.writeHead(204).end();
    },
  };
}

/** `{"token": "…"}` or a plain HTML form's `token=…`. */
function parseTokenBody(body: string, contentType: string | undefined): string | undefined {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return new URLSearchParams(body).get('token') ?? undefined;
  }
  try {
    const value = (JSON.parse(body) as { token?: unknown }).token;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
