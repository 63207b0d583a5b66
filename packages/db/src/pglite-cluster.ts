import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';
import { DbError } from './errors.js';

/**
 * Creating a cluster (initdb) grows PGlite's WebAssembly memory to ~500 MB, and neither that
 * memory nor the allocator's arenas are given back: done in the instance the studio keeps open
 * (or even in a worker thread, measured +90 MB), the server would carry it for its whole life.
 * A short-lived process creates the cluster instead. An inline script, not a file: it must run
 * the same from source and from the server's bundle.
 */
const INITDB_SCRIPT = `
const [pgliteUrl, dir, options] = process.argv.slice(1);
const { PGlite } = await import(pgliteUrl);
await (await PGlite.create(dir, JSON.parse(options))).close();
`;

/**
 * Creates the PGlite cluster in `dir` unless one is there already. The cluster is built in a
 * sibling folder and renamed into place, so a first start cut short leaves no half database.
 */
export async function ensurePgliteCluster(dir: string, options: PGliteOptions): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new DbError(
      'INVALID_INPUT',
      `${dir} holds files but no database: move them away, or set DATA_DIR to another folder`,
      'dataDir',
    );
  }
  const building = `${dir}.creating`;
  // Left by a first start that was cut short.
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true }); // PGlite cannot create nested folders itself.
  const args = [
    // Baseline WebAssembly code: the optimizing compiler alone would cost ~100 MB here.
    '--liftoff-only',
    '--input-type=module',
    '--eval',
    INITDB_SCRIPT,
    import.meta.resolve('@electric-sql/pglite'),
    building,
    JSON.stringify(options),
  ];
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, args, (error, _stdout, stderr) =>
        error
          ? reject(
              new Error(`creating the database in ${dir} failed: ${stderr.trim()}`, {
                cause: error,
              }),
            )
          : resolve(),
      ),
    );
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(dir)) rmdirSync(dir); // Empty, checked above.
  renameSync(building, dir);
}
