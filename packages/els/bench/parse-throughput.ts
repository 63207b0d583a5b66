/**
 * Parse throughput in process, warm, of a realistic 5,000-beat script (~2.4 MB), and how the
 * time grows from a script ten times smaller (linear parsing keeps the ratio near 10).
 * Targets: ≥ 60 MB/s, ≤ 10.5. Run with `pnpm bench:els` (MB = 10^6 bytes of UTF-8).
 *
 * It times the library bundled as its consumers run it (the web through Vite, the server and
 * the `els` command through esbuild), not the sources under tsx, whose module wrappers turn
 * every imported constant into a function call.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { ParseResult, parse as parseFunction } from '../src/index.js';
import { CHARACTERS, script } from './bench-script.js';

const folder = await mkdtemp(path.join(os.tmpdir(), 'els-bench-'));
const bundled = path.join(folder, 'els.mjs');
await build({
  entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
  outfile: bundled,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  logLevel: 'warning',
});
const { parse } = (await import(pathToFileURL(bundled).href)) as { parse: typeof parseFunction };
await rm(folder, { recursive: true });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

interface Timing {
  /** Median wall time of one parse, in milliseconds. */
  wall: number;
  /** Median CPU time of this process for one parse: steadier on a machine shared with others. */
  cpu: number;
}

/**
 * Time one parse, after warming up. Each sample parses every script of `sources` once and keeps
 * every result until it ends. The small size is ten different scripts, so that a sample of
 * either size reads, parses and retains the same number of bytes: parsing one small script ten
 * times would keep it in the processor's cache and look cheaper than it is.
 */
function time(sources: string[], samples: number): Timing {
  const parseOnce = (source: string): ParseResult => {
    const result = parse(source, { characters: CHARACTERS });
    if (!result.ok) throw new Error(`bench script does not parse: ${result.diagnostics[0]?.code}`);
    return result;
  };
  for (let i = 0; i < 3; i++) sources.forEach(parseOnce);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < samples; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    const kept = sources.map(parseOnce);
    wall.push((performance.now() - start) / kept.length);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000 / kept.length);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const full = script(5000, 42);
const tenths = Array.from({ length: 10 }, (_, index) => script(500, index + 1));
const megabytes = new TextEncoder().encode(full).length / 1e6;
const fullTime = time([full], 15);
const tenthTime = time(tenths, 15);

console.log(`beats: 5000`);
console.log(`size_mb: ${megabytes.toFixed(2)}`);
console.log(`parse_ms: ${fullTime.wall.toFixed(1)}`);
console.log(`throughput_mb_s: ${(megabytes / (fullTime.wall / 1000)).toFixed(1)}`);
console.log(`tenth_parse_ms: ${tenthTime.wall.toFixed(2)}`);
console.log(`time_ratio_full_to_tenth: ${(fullTime.wall / tenthTime.wall).toFixed(2)}`);
console.log(`cpu_throughput_mb_s: ${(megabytes / (fullTime.cpu / 1000)).toFixed(1)}`);
console.log(`cpu_time_ratio_full_to_tenth: ${(fullTime.cpu / tenthTime.cpu).toFixed(2)}`);
