/**
 * `pnpm bench`: runs every benchmark and writes bench/RESULTS.md with the figures, the machine
 * and the date. Each benchmark prints its figures as `name: value` lines; everything else it
 * prints is kept as context in the report.
 */
import { spawn } from 'node:child_process';
import { writeFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Bench {
  script: string;
  title: string;
  targets: string;
}

const benches: Bench[] = [
  {
    script: 'bench:els',
    title: 'ELS parser (5,000-beat script)',
    targets: '≥ 25 MB/s; 10× input ≤ 11× time',
  },
  {
    script: 'bench:audio',
    title: 'Take post-processing (40 beats, stand-in, no latency)',
    targets: '≤ 1 ffmpeg process and ≤ 150 ms per take',
  },
  {
    script: 'bench:generate',
    title: 'Generation (40 beats, 400 ms latency, concurrency cap 4)',
    targets: '≤ 1.25× ideal, 0 failed beats, peak RSS < 300 MB',
  },
  {
    script: 'bench:web',
    title: 'Review page (200 beats × 3 takes, chromium)',
    targets: 'interactive < 1 s; select a take < 100 ms',
  },
];

interface Outcome {
  bench: Bench;
  figures: [string, string][];
  ok: boolean;
  seconds: number;
}

function run(script: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('pnpm', ['--silent', script], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** `name: value` — a figure; the benches print one per line. */
const figureLine = /^\s*([A-Za-z][^:]{0,80}):\s+(\S.*?)\s*$/;

const outcomes: Outcome[] = [];
for (const bench of benches) {
  console.log(`\n==> pnpm ${bench.script}`);
  const started = performance.now();
  const { code, out } = await run(bench.script);
  const figures = out
    .split('\n')
    .map((line) => figureLine.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m): [string, string] => [m[1] ?? '', m[2] ?? '']);
  outcomes.push({ bench, figures, ok: code === 0, seconds: (performance.now() - started) / 1000 });
}

const cpus = os.cpus();
const lines = [
  '# Benchmark results',
  '',
  `Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}.`,
  '',
];
for (const { bench, figures, ok, seconds } of outcomes) {
  lines.push(`## ${bench.title}`, '');
  lines.push(
    `\`pnpm ${bench.script}\` — target: ${bench.targets}. ${ok ? 'Ran' : '**Failed**'} in ${seconds.toFixed(1)} s.`,
    '',
  );
  lines.push('| figure | value |', '| --- | --- |');
  for (const [name, value] of figures) lines.push(`| ${name} | ${value} |`);
  lines.push('');
}

const target = path.join(root, 'bench', 'RESULTS.md');
await writeFile(`${target}.tmp`, lines.join('\n'));
await rename(`${target}.tmp`, target);
console.log(`\nwrote ${path.relative(root, target)}`);
process.exit(outcomes.every((o) => o.ok) ? 0 : 1);
