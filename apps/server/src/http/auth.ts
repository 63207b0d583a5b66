/**
 * The studio token. Tools send `Authorization: Bearer <token>`; browsers `POST /auth` once and
 * then carry an HttpOnly cookie, which `<audio src>` and download links send by themselves —
 * so the token never sits in a URL, a page or a log.
 *
 * The cookie holds a random session id, recorded in the database (as an HMAC keyed by the
 * token): it expires, `DELETE /auth` ends it, every process sharing the database agrees, and a
 * new token ends every session. Wrong tokens are counted per address (`failure-limiter.ts`).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAuthSession, deleteAuthSession, isAuthSessionLive, type StudioDb } from '@studio/db';
import type { FailureLimiter } from './failure-limiter.js';
import { readBody, sendError, sendJson } from './respond.js';

const cookieName = 'studio_session';
/** A fixed lifetime: a copied cookie stops working a month after sign-in at the latest. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** 32 random bytes, base64url. */
const sessionIdPattern = /^[\w-]{43}$/;

export type AuthVerdict =
  { kind: 'ok' } | { kind: 'unauthorized' } | { kind: 'throttled'; retryAfterS: number };

export interface Auth {
  required: boolean;
  check(req: IncomingMessage): Promise<AuthVerdict>;
  /** `GET|POST|DELETE /auth`. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface AuthOptions {
  token: string | undefined;
  db: StudioDb;
  limiter: FailureLimiter;
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

const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';

/** A refused request's answer outside tRPC: 401, or 429 with `Retry-After`. */
export function sendRefusal(res: ServerResponse, verdict: AuthVerdict): void {
  if (verdict.kind === 'throttled') {
    res.setHeader('Retry-After', String(verdict.retryAfterS));
    sendError(res, 429, 'TOO_MANY_REQUESTS');
  } else {
    sendError(res, 401, 'UNAUTHORIZED');
  }
}

export function createAuth({ token, db, limiter }: AuthOptions): Auth {
  const sessionKey = (id: string) =>
    createHmac('sha256', token ?? '')
      .update(id)
      .digest('hex');

  /** A wrong token counts against the address; a throttled address is not even compared. */
  function checkToken(req: IncomingMessage, given: string): AuthVerdict {
    const address = addressOf(req);
    const retryAfterS = limiter.retryAfterS(address);
    if (retryAfterS > 0) return { kind: 'throttled', retryAfterS };
    if (token && sameSecret(given, token)) return { kind: 'ok' };
    limiter.fail(address);
    return { kind: 'unauthorized' };
  }

  async function check(req: IncomingMessage): Promise<AuthVerdict> {
    if (!token) return { kind: 'ok' };
    const fromHeader = bearer(req);
    if (fromHeader !== undefined) return checkToken(req, fromHeader);
    // A stale cookie is a browser that was signed out, not a guess: it is not counted.
    const id = cookieValue(req);
    const wellFormed = id !== undefined && sessionIdPattern.test(id);
    return wellFormed && (await isAuthSessionLive(db, sessionKey(id)))
      ? { kind: 'ok' }
      : { kind: 'unauthorized' };
  }

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, 4096);
    if (body === null) return sendError(res, 413, 'PAYLOAD_TOO_LARGE');
    const verdict = checkToken(req, parseTokenBody(body, req.headers['content-type']) ?? '');
    if (verdict.kind !== 'ok') return sendRefusal(res, verdict);
    const id = randomBytes(32).toString('base64url');
    await createAuthSession(db, {
      key: sessionKey(id),
      expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
    });
    res.setHeader(
      'Set-Cookie',
      `${cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_LIFETIME_MS / 1000}`,
    );
    res.writeHead(204).end();
  }

  return {
    required: !!token,
    check,
    async handle(req, res) {
      if (req.method === 'GET') {
        const verdict = await check(req);
        sendJson(res, 200, { required: !!token, authenticated: verdict.kind === 'ok' });
        return;
      }
      if (req.method === 'DELETE') {
        const id = cookieValue(req);
        if (token && id !== undefined && sessionIdPattern.test(id)) {
          await deleteAuthSession(db, sessionKey(id));
        }
        res.setHeader('Set-Cookie', `${cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
        res.writeHead(204).end();
        return;
      }
      if (req.method !== 'POST') return sendError(res, 405, 'METHOD_NOT_SUPPORTED');
      if (!token) return sendError(res, 401, 'UNAUTHORIZED');
      return signIn(req, res);
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
