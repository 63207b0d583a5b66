/**
 * Browser sign-in sessions: a random id in the cookie, recorded in the database, so it expires,
 * `DELETE /auth` ends it, and every studio sharing the database agrees. And wrong tokens slow
 * down their sender.
 */
import { authSessions } from '@studio/db';
import { availableTestEngines, createTestDatabase } from '@studio/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStudio, type TestStudio } from './support/studio.js';

const token = 'studio-token-0123456789-abcdef';

async function signIn(url: string, given = token): Promise<Response> {
  return fetch(`${url}/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: given }),
  });
}

async function cookieFor(url: string): Promise<string> {
  const response = await signIn(url);
  expect(response.status).toBe(204);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const listWith = async (url: string, headers: Record<string, string>) =>
  (await fetch(`${url}/trpc/sessions.list`, { headers })).status;

describe.each(availableTestEngines())('sign-in sessions on %s', (engine) => {
  let a: TestStudio;
  let b: TestStudio;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    // Two studios on one database, as two processes sharing one DATABASE_URL.
    const database = await createTestDatabase({ engine });
    a = await createTestStudio({ database, env: { STUDIO_TOKEN: token } });
    b = await createTestStudio({
      database: { ...database, close: async () => {} },
      env: { STUDIO_TOKEN: token },
    });
    urlA = await a.studio.start();
    urlB = await b.studio.start();
  });

  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('gives each sign-in its own cookie, which holds no fixed value of the token', async () => {
    const first = await cookieFor(urlA);
    const second = await cookieFor(urlA);
    expect(first).not.toBe(second);
    expect(first).not.toContain(token);
    expect(await listWith(urlA, { Cookie: first })).toBe(200);
    expect(await listWith(urlB, { Cookie: second })).toBe(200);
  });

  it('ends a session on DELETE /auth, in every studio sharing the database', async () => {
    const cookie = await cookieFor(urlA);
    const other = await cookieFor(urlA);
    const signOut = await fetch(`${urlB}/auth`, { method: 'DELETE', headers: { Cookie: cookie } });
    expect(signOut.status).toBe(204);

    expect(await listWith(urlA, { Cookie: cookie })).toBe(401);
    expect(await listWith(urlB, { Cookie: cookie })).toBe(401);
    const status = await fetch(`${urlA}/auth`, { headers: { Cookie: cookie } });
    expect(await status.json()).toEqual({ required: true, authenticated: false });
    // Only that browser was signed out.
    expect(await listWith(urlA, { Cookie: other })).toBe(200);
  });

  it('refuses an expired session', async () => {
    const cookie = await cookieFor(urlA);
    expect(await listWith(urlA, { Cookie: cookie })).toBe(200);
    await a.studio.services.db
      .update(authSessions)
      .set({ expiresAt: sql`now() - interval '1 second'` });
    expect(await listWith(urlA, { Cookie: cookie })).toBe(401);
    expect(await listWith(urlB, { Cookie: cookie })).toBe(401);
  });

  it('sends the cookie with the lifetime the database holds', async () => {
    const response = await signIn(urlA);
    const maxAge = Number(/Max-Age=(\d+)/.exec(response.headers.get('set-cookie')!)![1]);
    const [row] = await a.studio.services.db
      .select({
        seconds: sql<number>`extract(epoch from ${authSessions.expiresAt} - ${authSessions.createdAt})`,
      })
      .from(authSessions)
      .orderBy(sql`${authSessions.createdAt} desc`)
      .limit(1);
    expect(Math.abs(Number(row!.seconds) - maxAge)).toBeLessThan(60);
  });
});

describe('wrong tokens', () => {
  let test: TestStudio;
  let url: string;

  beforeAll(async () => {
    test = await createTestStudio({ env: { STUDIO_TOKEN: token } });
    url = await test.studio.start();
  });

  afterAll(() => test.close());

  it('are refused with 429 and Retry-After after ten from one address; successes do not count', async () => {
    const cookie = await cookieFor(url);
    const bearer = (value: string) => ({ Authorization: `Bearer ${value}` });
    for (let i = 0; i < 15; i++) expect(await listWith(url, bearer(token))).toBe(200);

    for (let i = 0; i < 5; i++) expect(await listWith(url, bearer(`wrong-token-${i}`))).toBe(401);
    for (let i = 0; i < 5; i++) expect((await signIn(url, `wrong-${i}`)).status).toBe(401);

    const throttled = await fetch(`${url}/trpc/sessions.list`, { headers: bearer('wrong-again') });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Once throttled, not even the right token is compared: guessing cannot go on.
    expect(await listWith(url, bearer(token))).toBe(429);
    const refusedSignIn = await signIn(url);
    expect(refusedSignIn.status).toBe(429);
    expect(refusedSignIn.headers.get('retry-after')).not.toBeNull();
    expect(
      (
        await fetch(`${url}/audio/preview/0123456789abcdef0123456789abcdef`, {
          headers: bearer(token),
        })
      ).status,
    ).toBe(429);
    // A browser already signed in goes on working.
    expect(await listWith(url, { Cookie: cookie })).toBe(200);
  });
});
