import { fileURLToPath } from 'node:url';
import { desc, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { bigint, pgSchema, serial, text } from 'drizzle-orm/pg-core';
import type { StudioDb } from './client.js';

/** `drizzle/` at the repo root, found from this file so the working directory does not matter. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** drizzle-orm's own bookkeeping table, so `drizzle-kit migrate` and this agree. */
const applied = pgSchema('drizzle').table('__drizzle_migrations', {
  id: serial('id').primaryKey(),
  hash: text('hash').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }),
});

/** Arbitrary key of the advisory lock that serialises migrations across server processes. */
const MIGRATION_LOCK_KEY = 7_341_202_501;

/**
 * Applies the pending migrations of `migrationsFolder` in one transaction; a no-op when the
 * database is current. Unlike drizzle-orm's `migrate`, it works on any `StudioDb` and takes an
 * advisory lock, so several processes starting against one Postgres cannot race.
 */
export async function migrate(
  db: StudioDb,
  migrationsFolder: string = MIGRATIONS_FOLDER,
): Promise<{ applied: number }> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`));
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(sql`
      create table if not exists drizzle.__drizzle_migrations (
        id serial primary key, hash text not null, created_at bigint
      )`);
    const [last] = await tx
      .select({ createdAt: applied.createdAt })
      .from(applied)
      .orderBy(desc(applied.createdAt))
      .limit(1);
    const pending = migrations.filter(
      (m) => last?.createdAt == null || last.createdAt < m.folderMillis,
    );
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(sql.raw(statement));
      }
      await tx.insert(applied).values({ hash: migration.hash, createdAt: migration.folderMillis });
    }
    return { applied: pending.length };
  });
}
