/**
 * `pnpm --filter @studio/server build`: the server as one file, `dist/main.mjs`, which
 * `pnpm start` runs. From source under tsx the process also holds tsx and every module's
 * transpiled text; the bundle starts faster and holds less (README, "Memory").
 *
 * Left outside the bundle: packages that find their own files next to themselves at run time
 * (PGlite's and eSpeak's WebAssembly, the ffmpeg binary, fluent-ffmpeg's and pino's helpers).
 * They are this package's dependencies, so the bundle resolves them from `dist/`.
 * `dist/` is as deep as `src/`, so the paths code derives from `import.meta.url` (the repository
 * root, the migrations folder) are the same from either.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const serverBundle = fileURLToPath(new URL('./dist/main.mjs', import.meta.url));

/**
 * The MP3 encoder's worker thread, a second entry: the pool finds it beside the bundle
 * (`./mp3-worker.mjs` from the bundle's own URL).
 */
const mp3Worker = createRequire(import.meta.url).resolve('@studio/audio/mp3-worker');

const external = [
  '@electric-sql/pglite',
  '@ffmpeg-installer/ffmpeg',
  'espeak-ng',
  'fluent-ffmpeg',
  'pino',
];

export async function bundleServer(): Promise<string> {
  await build({
    entryPoints: {
      main: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
      'mp3-worker': mp3Worker,
    },
    outdir: dirname(serverBundle),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);",
    },
    // Without comments the file is pure ASCII: one non-Latin-1 character in a dependency's
    // comment makes V8 keep the whole 9 MB source as UTF-16, twice the memory.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return serverBundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleServer();
}
