/**
 * Parse throughput of a realistic 5,000-beat script (~2.4 MB), and how the time grows from a
 * script ten times smaller (linear parsing keeps the ratio near 10). Targets: ≥ 25 MB/s, ≤ 11.
 * Run with `pnpm bench:els` (MB = 10^6 bytes of UTF-8).
 */

import { parse } from '../src/index.js';
import type { ParseResult } from '../src/index.js';

const CHARACTERS = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];
const DIRECTIONS = [
  'Punchy, accusatory, deadpan',
  'Slow, grumbly, nostalgic',
  'Monotone, bureaucratic, reading from a memo',
  'Deep, confident, slightly menacing',
  'Whiny, panicked, voice cracking',
  'Fast-talking, hyped, crypto slang',
];
const PACES = ['slow', 'deliberate', 'normal', 'quick', 'fast', 'chaos'];
const PAUSES = ['beat', 'short', 'medium', 'long', '250ms', '0.4s', '120'];
const SENTENCES = [
  'Corporation stole your chips.',
  'Bag look *same*, bag **not** same.',
  'Back in my day a candy bar cost a *nickel* and it was the size of a brick.',
  'The committee has reviewed the data and found inflation to be transitory.',
  'You will own **nothing** and you will be *happy* about it.',
  'Bro the chart only goes up, just buy the dip, wagmi.',
  'Price go up. Chips go down. Math is hard.',
  'We are not raising prices, we are *right-sizing* the snacking experience.',
];

/** A small deterministic generator, so every run measures the same script. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function script(beats: number, seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out = [
    '[META]',
    'video_title: Shrinkflation 2.0',
    'project: trash-panda',
    'default_character: every-coon',
    'default_pace: normal',
    '',
  ];
  for (let beat = 1; beat <= beats; beat++) {
    out.push(`[BEAT: ${String(beat).padStart(4, '0')}_scene]`, `name: Scene ${beat}`, '---');
    out.push(`[DIRECTION: ${pick(DIRECTIONS)}]`, `[PACE: ${pick(PACES)}]`);
    for (let line = 0; line < 4; line++) {
      if (line > 0 && next() < 0.5) out.push(`[CHARACTER: ${pick(CHARACTERS)}]`);
      if (next() < 0.2) out.push(`[STABILITY: ${(next() * 0.8 + 0.1).toFixed(2)}]`);
      const text = pick(SENTENCES);
      out.push(next() < 0.3 ? `${text} [PAUSE: ${pick(PAUSES)}] ${pick(SENTENCES)}` : text);
      if (next() < 0.4) out.push(`[PAUSE: ${pick(PAUSES)}]`);
    }
    out.push('[END_BEAT]', '');
  }
  return out.join('\n');
}

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
