/**
 * Fresh, migrated and seeded databases for tests (this package's and others'), fast:
 * - PGlite: migrating a new instance costs seconds, so one instance is migrated per process,
 *   dumped, and every test database starts from that dump (`loadDataDir`).
 * - Postgres (`TEST_DATABASE_URL`): every call creates its own database with a random name on
 *   that server and drops it on close, so parallel runs never collide.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import {
  createDatabase,
  openPglite,
  openPostgres,
  type Database,
  type DatabaseKind,
} from './client.js';
import { migrate } from './migrate.js';
import { seedVoiceProfiles } from './seed.js';

export interface TestDatabaseOptions {
  /** Default `pglite`. */
  engine?: DatabaseKind;
  /** Server for `postgres`; default `process.env.TEST_DATABASE_URL`. */
  url?: string;
  /** Skip migrations and seed: an empty database, for testing migrations themselves. */
  empty?: boolean;
}

/** `pglite`, plus `postgres` when `TEST_DATABASE_URL` is set: parametrize suites over these. */
export function availableTestEngines(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  const empty = options.empty ?? false;
  if ((options.engine ?? 'pglite') === 'pglite') {
    if (empty) return createDatabase('memory://');
    return openPglite(await PGlite.create({ loadDataDir: await pgliteTemplate() }));
  }
  const url = options.url ?? process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('createTestDatabase: postgres needs TEST_DATABASE_URL');
  return createPostgresTestDatabase(url, empty);
}

let template: Promise<Blob> | undefined;

function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const client = await PGlite.create();
    try {
      await prepare(openPglite(client));
      // Uncompressed: every test database pays for loading it, only this one for storing it.
      return await client.dumpDataDir('none');
    } finally {
      await client.close();
    }
  })().catch((error: unknown) => {
    template = undefined; // let the next test retry instead of inheriting the failure
    throw error;
  });
  return template;
}

/** A new, empty database on the server at `url` (an admin connection), and a way to drop it. */
export async function createScratchPostgresDatabase(
  url: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `studio_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const connection = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await connection.unsafe(statement);
    } finally {
      await connection.end();
    }
  };
  await admin(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: () => admin(`drop database if exists "${name}" with (force)`),
  };
}

async function createPostgresTestDatabase(url: string, empty: boolean): Promise<Database> {
  const scratch = await createScratchPostgresDatabase(url);
  const database = openPostgres(scratch.url);
  const close = async () => {
    await database.close();
    await scratch.drop();
  };
  try {
    if (!empty) await prepare(database);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...database, close };
}

async function prepare({ db }: Database): Promise<void> {
  await migrate(db);
  await seedVoiceProfiles(db);
}
