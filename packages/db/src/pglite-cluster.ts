import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';

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

/** Creates the PGlite cluster in `dir` unless one is there already. */
export async function ensurePgliteCluster(dir: string, options: PGliteOptions): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const args = [
    // Baseline WebAssembly code: the optimizing compiler alone would cost ~100 MB here.
    '--liftoff-only',
    '--input-type=module',
    '--eval',
    INITDB_SCRIPT,
    import.meta.resolve('@electric-sql/pglite'),
    dir,
    JSON.stringify(options),
  ];
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, args, (error, _stdout, stderr) =>
      error
        ? reject(
            new Error(`creating the database in ${dir} failed: ${stderr.trim()}`, { cause: error }),
          )
        : resolve(),
    ),
  );
}
