/**
 * The studio token (STUDIO_TOKEN on the server), kept in this browser's localStorage once the
 * user entered it. tRPC calls send it as `Authorization: Bearer …`; it is also exchanged once
 * (`POST /auth`) for the server's HttpOnly cookie, which the event stream, `<audio src>` and
 * download links carry by themselves — so the token never appears in a URL.
 */
import { browserStorage as storage } from './browser-storage.js';

const key = 'studio.token';

export function getToken(): string | null {
  return storage()?.getItem(key) ?? null;
}

export function setToken(token: string | null): void {
  const s = storage();
  if (!s) return;
  if (token && token.trim() !== '') s.setItem(key, token.trim());
  else s.removeItem(key);
}

/** Exchange the token for the session cookie. Resolves false when the server refuses it. */
export async function signIn(token: string): Promise<boolean> {
  const response = await fetch('/auth', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
    credentials: 'same-origin',
  });
  if (response.status === 401) return false;
  if (!response.ok) throw new Error(`The studio answered ${response.status} to the token.`);
  setToken(token);
  return true;
}

export interface AuthStatus {
  required: boolean;
  authenticated: boolean;
}

/** Whether this studio wants a token, and whether this browser already has access. */
export async function authStatus(): Promise<AuthStatus | null> {
  try {
    const response = await fetch('/auth', { credentials: 'same-origin' });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<AuthStatus>;
    return { required: body.required === true, authenticated: body.authenticated !== false };
  } catch {
    return null;
  }
}
