/**
 * `dist/cli.js`: the `els` command as one file, which `bin/els.js` runs. Built on `pnpm install`
 * (the `prepare` script) and by `pnpm build`; `bin/els.js` rebuilds it when a source is newer.
 * One file starts faster than a tree of modules, and no TypeScript loader runs at run time.
 * Plain JavaScript, so that building needs nothing but esbuild.
 */
import { rename } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const cliBundle = fileURLToPath(new URL('./dist/cli.js', import.meta.url));

export async function bundleCli() {
  // Written aside, then renamed: two commands rebuilding at once never run half a file.
  const written = `${cliBundle}.${process.pid}.tmp`;
  await build({
    entryPoints: [fileURLToPath(new URL('./src/cli.ts', import.meta.url))],
    outfile: written,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
  await rename(written, cliBundle);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleCli();
}
