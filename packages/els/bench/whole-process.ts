/**
 * The `els` command as a person runs it, whole process (start-up included): `els check` on the
 * examples (target ≤ 0.15 s), and on the 5,000-beat script against the seed's Python parser in
 * the same run (target ≥ 10× faster). Medians of several runs, taken in turns so both commands
 * meet the same load; the load average is printed with them, since on a shared machine it moves
 * every figure. Run with `pnpm bench:els`.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHARACTERS, script } from './bench-script.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const bin = here('../bin/els.js');
const seed = here('./seed/check.py');
const examples = here('../../../examples/');
const characters = `--characters=${CHARACTERS.join(',')}`;

interface Command {
  file: string;
  args: string[];
}

/** Wall time of one run in seconds, or the reason it could not run. */
function run({ file, args }: Command): number | string {
  const start = performance.now();
  const result = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - start) / 1000;
  if (result.error) return result.error.message;
  // `els check` exits 1 when a script has errors; the examples and the bench script have none.
  if (result.status !== 0) return `exit ${result.status}: ${result.stderr.toString().trim()}`;
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median seconds of each command, run in turns `runs` times after one warm-up run each. */
function timeInTurns(commands: Command[], runs: number): Array<number | string> {
  const times: number[][] = commands.map(() => []);
  const failures: Array<string | null> = commands.map(() => null);
  for (let round = 0; round <= runs; round++) {
    commands.forEach((command, index) => {
      if (failures[index] !== null) return;
      const time = run(command);
      if (typeof time === 'string') failures[index] = time;
      else if (round > 0) (times[index] as number[]).push(time);
    });
  }
  return commands.map((_, index) => failures[index] ?? median(times[index] as number[]));
}

const load = (): string =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

console.log(`cores: ${os.cpus().length}`);
console.log(`load_average_before: ${load()}`);

const exampleFiles = readdirSync(examples)
  .filter((file) => file.endsWith('.els'))
  .map((file) => `${examples}${file}`);
const node = process.execPath;
const [bare, examplesCheck] = timeInTurns(
  [
    { file: node, args: ['-e', '0'] },
    { file: node, args: [bin, 'check', ...exampleFiles, characters] },
  ],
  9,
);
console.log(`node_start_s: ${typeof bare === 'number' ? bare.toFixed(3) : bare}`);
console.log(
  `examples_check_s: ${typeof examplesCheck === 'number' ? examplesCheck.toFixed(3) : examplesCheck}`,
);

const folder = mkdtempSync(path.join(os.tmpdir(), 'els-bench-'));
const big = path.join(folder, 'script-5000.els');
writeFileSync(big, script(5000, 42));
const [elsBig, python] = timeInTurns(
  [
    { file: node, args: [bin, 'check', big, characters] },
    { file: 'python3', args: [seed, big] },
  ],
  5,
);
console.log(`check_5000_beats_s: ${typeof elsBig === 'number' ? elsBig.toFixed(3) : elsBig}`);
if (typeof python === 'number') {
  console.log(`python_seed_5000_beats_s: ${python.toFixed(3)}`);
  if (typeof elsBig === 'number') {
    console.log(`speedup_vs_python_seed: ${(python / elsBig).toFixed(1)}`);
  }
} else console.log(`python_seed_5000_beats_s: unavailable (${python})`);
rmSync(folder, { recursive: true });
console.log(`load_average_after: ${load()}`);
