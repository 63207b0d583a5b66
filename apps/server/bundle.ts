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
import { mkdirSync, writeFileSync } from 'node:fs';
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
  const { outputFiles } = await build({
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
    // Without comments the file can be pure ASCII (checked below): one non-Latin-1 character
    // makes V8 keep the whole 9 MB source as UTF-16, twice the memory.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  for (const file of outputFiles) {
    // esbuild escapes non-ASCII in strings but not in regular expression literals (`/[’]/`):
    // one there doubled the bundle's resident source (9.5 → 19 MB). Write `\u2019` instead.
    const at = file.contents.findIndex((byte) => byte > 0x7f);
    if (at >= 0) {
      throw new Error(
        `${file.path} is not ASCII near: ${Buffer.from(file.contents.subarray(Math.max(0, at - 60), at + 20)).toString()}`,
      );
    }
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
  return serverBundle;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleServer();
}
