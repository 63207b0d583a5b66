/**
 * `pnpm db:migrate`: applies the migrations and seeds the voice profiles, on `DATABASE_URL` or,
 * without it, on the embedded database under `DATA_DIR` (default `data/`, relative to the repo
 * root whatever the working directory).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from './client.js';
import { migrate } from './migrate.js';
import { seedVoiceProfiles } from './seed.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const url = process.env.DATABASE_URL || undefined;
const dataDir = resolve(repoRoot, process.env.DATA_DIR || 'data');

const { db, kind, close } = await createDatabase(url, { dataDir });
try {
  const { applied } = await migrate(db);
  const seeded = await seedVoiceProfiles(db);
  const where = kind === 'postgres' ? 'DATABASE_URL' : resolve(dataDir, 'pglite');
  console.log(
    `${kind} (${where}): ${applied} migration(s) applied, ${seeded.length} voice profile(s) seeded`,
  );
} finally {
  await close();
}
