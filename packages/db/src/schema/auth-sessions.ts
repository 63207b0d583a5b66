import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A browser signed in with the studio token. Kept in the database, not in a process, so every
 * studio sharing it agrees on who is signed in and a sign-out anywhere ends the session.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    /**
     * The cookie's random id, HMAC'd with the studio token: the table alone opens nothing, and a
     * new token ends every session.
     */
    key: text('key').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_sessions_expires_at_idx').on(t.expiresAt)],
);
