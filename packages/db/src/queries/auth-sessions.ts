import { eq, gt, and, lte } from 'drizzle-orm';
import type { StudioDb } from '../client.js';
import { authSessions } from '../schema/index.js';

/** Records a signed-in browser; also clears sessions that expired, so the table stays small. */
export async function createAuthSession(
  db: StudioDb,
  session: { key: string; expiresAt: Date },
  now = new Date(),
): Promise<void> {
  await db.delete(authSessions).where(lte(authSessions.expiresAt, now));
  await db.insert(authSessions).values(session);
}

/** Whether the key names a session that has not expired. */
export async function isAuthSessionLive(
  db: StudioDb,
  key: string,
  now = new Date(),
): Promise<boolean> {
  const rows = await db
    .select({ key: authSessions.key })
    .from(authSessions)
    .where(and(eq(authSessions.key, key), gt(authSessions.expiresAt, now)));
  return rows.length > 0;
}

export async function deleteAuthSession(db: StudioDb, key: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.key, key));
}
