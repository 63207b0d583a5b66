import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { DbError } from './errors.js';
import { ensurePgliteCluster } from './pglite-cluster.js';
import * as schema from './schema/index.js';

/**
 * The database every query takes. Typed against the shared Postgres base so one query works on
 * PGlite and postgres.js alike, and inside a transaction (a transaction is a `PgDatabase` too).
 */
export type StudioDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: StudioDb;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface CreateDatabaseOptions {
  /** Where the embedded database lives when no URL is given: `<dataDir>/pglite`. */
  dataDir?: string;
}

/**
 * Opens the studio database: no URL → embedded PGlite persisted under `<dataDir>/pglite`;
 * `memory://` → in-memory PGlite; `postgres://` or `postgresql://` → a postgres.js pool.
 * Run `migrate(db)` before use.
 */
/**
 * The studio's data is small (thousands of rows), while PGlite's default 128 MB of shared
 * buffers is allocated inside the one server process: 16 MB keeps its memory ~150 MB lower.
 */
const pgliteOptions = { postgresqlconf: ['shared_buffers = 16MB'] };

export async function createDatabase(
  url?: string,
  opts: CreateDatabaseOptions = {},
): Promise<Database> {
  if (url === undefined || url === '') {
    const dir = join(opts.dataDir ?? './data', 'pglite');
    await ensurePgliteCluster(dir, pgliteOptions);
    return openPglite(await PGlite.create(dir, pgliteOptions));
  }
  if (url === 'memory://') return openPglite(await PGlite.create(pgliteOptions));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new DbError('INVALID_INPUT', 'database URL must be memory:// or postgres(ql)://', 'url');
}

export function openPglite(client: PGlite): Database {
  return {
    db: drizzlePglite({ client, schema }),
    kind: 'pglite',
    close: () => client.close(),
  };
}

export function openPostgres(url: string): Database {
  // Silence NOTICEs (e.g. "schema drizzle already exists, skipping"), which postgres.js logs.
  const client = postgres(url, { max: 10, onnotice: () => {} });
  return {
    db: drizzlePostgres({ client, schema }),
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
  };
}
