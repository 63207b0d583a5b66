import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { count, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as schema from '../src/schema/index.js';
import {
  beats,
  createDatabase,
  generationJobs,
  listVoiceProfiles,
  migrate,
  MIGRATIONS_FOLDER,
  sessionExports,
  sessions,
  takes,
  voiceProfiles,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';
import { engines, expectDbError } from './helpers.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}
const journal = JSON.parse(
  readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
) as Journal;

describe.each(engines)('migrations on %s', (engine) => {
  it('migrate an empty database, concurrently too, and re-running is a no-op', async () => {
    const { db, close } = await createTestDatabase({ engine, empty: true });
    try {
      // Two server processes starting at once: the advisory lock lets exactly one migrate.
      const runs = await Promise.all([migrate(db), migrate(db)]);
      expect(runs.map((r) => r.applied).sort()).toEqual([0, journal.entries.length]);
      expect(await migrate(db)).toEqual({ applied: 0 });

      const [recorded] = await db.select({ n: count() }).from(sql`drizzle.__drizzle_migrations`);
      expect(recorded?.n).toBe(journal.entries.length);
      for (const table of [voiceProfiles, sessions, beats, takes, generationJobs, sessionExports]) {
        expect(await db.select({ n: count() }).from(table)).toEqual([{ n: 0 }]);
      }
    } finally {
      await close();
    }
  });
});

describe('committed migrations', () => {
  it('every journal entry has its SQL and snapshot, and nothing else is there', () => {
    const tags = journal.entries.map((e) => e.tag);
    expect(journal.entries.map((e) => e.idx)).toEqual(tags.map((_, i) => i));
    const sqlFiles = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql'));
    expect(sqlFiles.sort()).toEqual(tags.map((t) => `${t}.sql`).sort());
    const snapshots = readdirSync(join(MIGRATIONS_FOLDER, 'meta')).filter((f) =>
      f.endsWith('_snapshot.json'),
    );
    expect(snapshots.sort()).toEqual(tags.map((t) => `${t.slice(0, 4)}_snapshot.json`).sort());
  });

  it('match the schema: drizzle-kit generate would produce nothing', async () => {
    const last = journal.entries.at(-1)!;
    const snapshot = JSON.parse(
      readFileSync(
        join(MIGRATIONS_FOLDER, 'meta', `${last.tag.slice(0, 4)}_snapshot.json`),
        'utf8',
      ),
    ) as Parameters<typeof generateMigration>[0];
    const current = generateDrizzleJson(schema, snapshot.id);
    // Non-empty means the schema changed without `pnpm db:generate`: these are the missing SQL.
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });
});

describe('createDatabase', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'studio-db-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('refuses URLs it cannot open', async () => {
    await expectDbError(createDatabase('mysql://localhost/x'), 'INVALID_INPUT', 'url');
  });

  // Only where a server is configured (CI): the test is not generated otherwise.
  const postgresUrls = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];
  it.each(postgresUrls)('opens postgres:// URLs with postgres.js', async (url) => {
    const { db, kind, close } = await createDatabase(url);
    try {
      expect(kind).toBe('postgres');
      expect(await db.select({ one: sql<number>`1` }).from(sql`(select 1) as t`)).toEqual([
        { one: 1 },
      ]);
    } finally {
      await close();
    }
  });

  it('`db:migrate` prepares an embedded database under DATA_DIR that persists', async () => {
    const dataDir = join(tmp, 'nested', 'data'); // PGlite alone cannot create nested folders
    const cli = fileURLToPath(new URL('../src/migrate-cli.ts', import.meta.url));
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DATA_DIR: dataDir };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli], { env, stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', resolve);
    });
    expect(code).toBe(0);

    const { db, kind, close } = await createDatabase(undefined, { dataDir });
    try {
      expect(kind).toBe('pglite');
      expect(await migrate(db)).toEqual({ applied: 0 });
      expect(await listVoiceProfiles(db)).toHaveLength(6);
    } finally {
      await close();
    }
  });

  it('creates a new embedded database, then opens it', async () => {
    const dataDir = join(tmp, 'fresh');
    const { db, kind, close } = await createDatabase(undefined, { dataDir });
    try {
      expect(kind).toBe('pglite');
      expect(readFileSync(join(dataDir, 'pglite', 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/);
      expect(await migrate(db)).toEqual({
        applied: readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql')).length,
      });
    } finally {
      await close();
    }
  });

  it('refuses a folder that holds files but no database, and leaves them be', async () => {
    const dataDir = join(tmp, 'occupied');
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    writeFileSync(join(dataDir, 'pglite', 'notes.txt'), 'not a database');
    await expectDbError(createDatabase(undefined, { dataDir }), 'INVALID_INPUT', 'dataDir');
    expect(readdirSync(join(dataDir, 'pglite'))).toEqual(['notes.txt']);
  });

  it('a first start cut short leaves no half database: the next one builds it anew', async () => {
    const dataDir = join(tmp, 'cut-short');
    // What a process killed while creating the cluster leaves: a half-built sibling folder.
    mkdirSync(join(dataDir, 'pglite.creating', 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'pglite.creating', 'PG_VERSION'), '17\n');
    const { db, close } = await createDatabase(undefined, { dataDir });
    try {
      expect(await migrate(db)).toMatchObject({ applied: expect.any(Number) });
      expect(await listVoiceProfiles(db)).toEqual([]);
    } finally {
      await close();
    }
    expect(readdirSync(dataDir)).toEqual(['pglite']);
  });
});
