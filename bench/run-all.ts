/**
 * `pnpm bench`: runs every benchmark and writes bench/RESULTS.md: the machine, the date and the
 * load average, then every target figure (issue 16's table) next to its target with misses
 * marked, then each benchmark's own figures. Each benchmark prints its figures as `name: value`
 * lines; everything else it prints is kept as context in the report.
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
}

const benches: Bench[] = [
  { script: 'bench:els', title: 'ELS parser and `els check`' },
  { script: 'bench:audio', title: 'Take post-processing (40 beats, stand-in, no latency)' },
  { script: 'bench:db', title: 'Session-wide QC at 200 and 2,000 beats × 3 takes (database)' },
  { script: 'bench:generate', title: 'Generation (40 beats, 400 ms latency, concurrency cap 4)' },
  { script: 'bench:web', title: 'Review page (200 and 2,000 beats × 3 takes, chromium)' },
];

/** One figure of the targets table: read from a bench's output, held against its target. */
interface Target {
  figure: string;
  /** As measured when the target was set. */
  before: string;
  target: string;
  script: string;
  /** The first group is the number. */
  pattern: RegExp;
  unit: string;
  met: (value: number) => boolean;
}

const targets: Target[] = [
  {
    figure: 'review page, 200 beats × 3 takes: time to interactive',
    before: '0.86–1.5 s',
    target: '≤ 0.4 s',
    script: 'bench:web',
    pattern: /^200 × 3 time to interactive: median (\d+) ms/m,
    unit: 'ms',
    met: (v) => v <= 400,
  },
  {
    figure: 'review page, 2,000 beats × 3 takes: time to interactive',
    before: 'not measured',
    target: '≤ 1.0 s',
    script: 'bench:web',
    pattern: /^2000 × 3 time to interactive: median (\d+) ms/m,
    unit: 'ms',
    met: (v) => v <= 1000,
  },
  {
    figure: 'bytes before the first row shows, 2,000 × 3',
    before: '~10 MB (extrapolated)',
    target: '≤ 300 KB',
    script: 'bench:web',
    pattern: /^2000 × 3 bytes before the first row \(API JSON\): (\d+) KB/m,
    unit: 'KB',
    met: (v) => v <= 300,
  },
  {
    figure: 'select a take, round trip, 2,000 × 3',
    before: '–',
    target: '≤ 30 ms median',
    script: 'bench:web',
    pattern: /^2000 × 3 select a take round trip: median (\d+) ms/m,
    unit: 'ms',
    met: (v) => v <= 30,
  },
  {
    figure: 'creating a 2,000-beat session from its script',
    before: '–',
    target: '≤ 2 s',
    script: 'bench:web',
    pattern: /^create a 2000-beat session from its script \(API\): median (\d+) ms/m,
    unit: 'ms',
    met: (v) => v <= 2000,
  },
  {
    figure: '`els check` whole process, a typical script (the examples)',
    before: '~1.0 s',
    target: '≤ 0.15 s',
    script: 'bench:els',
    pattern: /^examples_check_s: ([\d.]+)/m,
    unit: 's',
    met: (v) => v <= 0.15,
  },
  {
    figure: '`els check` whole process, 5,000 beats, vs the seed’s Python parser',
    before: '1.9×',
    target: '≥ 10×',
    script: 'bench:els',
    pattern: /^speedup_vs_python_seed: ([\d.]+)/m,
    unit: '×',
    met: (v) => v >= 10,
  },
  {
    figure: 'parse throughput in process (warm)',
    before: '19–27 MB/s',
    target: '≥ 60 MB/s',
    script: 'bench:els',
    pattern: /^throughput_mb_s: ([\d.]+)/m,
    unit: 'MB/s',
    met: (v) => v >= 60,
  },
  {
    figure: 'parse time, 10× input against 1× (linear)',
    before: '11.8×',
    target: '≤ 10.5×',
    script: 'bench:els',
    pattern: /^time_ratio_full_to_tenth: ([\d.]+)/m,
    unit: '×',
    met: (v) => v <= 10.5,
  },
  {
    figure: 'post-processing per take (median)',
    before: '126–139 ms',
    target: '≤ 40 ms',
    script: 'bench:audio',
    pattern: /^postprocess_ms_per_take_median: (\d+)/m,
    unit: 'ms',
    met: (v) => v <= 40,
  },
  {
    figure: 'generation, 40 beats, 400 ms latency, cap 4 (worst run)',
    before: '1.11–1.65× ideal',
    target: '≤ 1.10× ideal in every run',
    script: 'bench:generate',
    pattern: /^wall time \/ ideal: .*\(worst ([\d.]+)×/m,
    unit: '×',
    met: (v) => v <= 1.1,
  },
  {
    figure: 'server peak RSS while generating (embedded PGlite)',
    before: '216 MB',
    target: '≤ 200 MB',
    script: 'bench:generate',
    pattern: /^peak server RSS while generating: (\d+) MB/m,
    unit: 'MB',
    met: (v) => v <= 200,
  },
];

interface Outcome {
  bench: Bench;
  out: string;
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
const figureLine = /^\s*([A-Za-z0-9][^:]{0,80}):\s+(\S.*?)\s*$/;

const loadBefore = os.loadavg();
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
  outcomes.push({
    bench,
    out,
    figures,
    ok: code === 0,
    seconds: (performance.now() - started) / 1000,
  });
}

const cpus = os.cpus();
const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
const lines = [
  '# Benchmark results',
  '',
  `Written by \`pnpm bench\` on ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
  '',
  `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}.`,
  `Load average (1, 5, 15 min): ${load(loadBefore)} before, ${load(os.loadavg())} after — timings on a busy machine are not comparable.`,
  '',
  '## Targets',
  '',
  '| figure | before | target | measured | |',
  '| --- | --- | --- | --- | --- |',
];
let misses = 0;
for (const target of targets) {
  const outcome = outcomes.find((o) => o.bench.script === target.script);
  const match = outcome ? target.pattern.exec(outcome.out) : null;
  const value = match ? Number(match[1]) : NaN;
  const measured = Number.isFinite(value) ? `${value} ${target.unit}` : 'not reported';
  const met = Number.isFinite(value) && target.met(value);
  if (!met) misses++;
  lines.push(
    `| ${target.figure} | ${target.before} | ${target.target} | ${measured} | ${met ? 'met' : '**MISS**'} |`,
  );
}
lines.push(
  '',
  `${misses === 0 ? 'Every target met.' : `**${misses} of ${targets.length} targets missed.**`}`,
  '',
);
for (const { bench, figures, ok, seconds } of outcomes) {
  lines.push(`## ${bench.title}`, '');
  lines.push(
    `\`pnpm ${bench.script}\` — ${ok ? 'ran' : '**failed**'} in ${seconds.toFixed(1)} s.`,
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
