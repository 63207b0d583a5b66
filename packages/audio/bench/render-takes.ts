/**
 * Renders 40 beats through the ElevenLabs stand-in (no latency) and prints, one figure per line,
 * the post-processing time per take — everything after the provider returned: cutting at line
 * ends, inserting silence, caching, encoding (LAME in WASM, in process), storing — and the ffmpeg
 * processes per take. Targets on the 2-core machine: ≤ 40 ms median and no process per take.
 * Also the CPU the signal checks of take QC cost per take (measured with `process.cpuUsage`;
 * target ≤ 10 ms).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@studio/els';
import {
  createElevenLabsProvider,
  createLocalStorage,
  createSegmentCache,
  ffmpegProcessCount,
  renderTake,
  type SpeechProvider,
  type VoiceProfile,
} from '../src/index.js';
import { startElevenLabsStandIn } from '../src/testing/index.js';

const BEATS = 40;
const CHARACTERS = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];
const PAUSES = ['150ms', 'short', '400ms', 'long', 'dramatic', '1.2s', '80ms'];
const SENTENCES = [
  'Corporation stole your chips.',
  'Bag look same.',
  'Bag not same.',
  'Back in my day a bag of chips was full.',
  'The committee has reviewed the data and sees no problem.',
  'Number go up, you have to believe me.',
  'It is over, it was always over.',
  'We are so back.',
];

function script(): string {
  const beats = Array.from({ length: BEATS }, (_, b) => {
    const lines = Array.from({ length: 3 + (b % 3) }, (_, l) => {
      const character = CHARACTERS[(b + (l > 1 ? 1 : 0)) % CHARACTERS.length];
      const sentence = SENTENCES[(b * 3 + l) % SENTENCES.length];
      const pause = PAUSES[(b + l) % PAUSES.length];
      return `[CHARACTER: ${character}]\n${sentence} [PAUSE: ${pause}]`;
    });
    return `[BEAT: ${String(b + 1).padStart(2, '0')}_beat]\nname: Beat ${b + 1}\n---\n${lines.join('\n')}\n[END_BEAT]`;
  });
  return `[META]\nvideo_title: Bench\nproject: bench\ndefault_character: every-coon\n\n${beats.join('\n\n')}\n`;
}

const profiles: Record<string, VoiceProfile> = Object.fromEntries(
  CHARACTERS.map((character, i) => [
    character,
    {
      character,
      displayName: character,
      description: '',
      voiceId: `voice-${character}`,
      modelId: 'eleven_multilingual_v2',
      stability: 0.4,
      similarityBoost: 0.78,
      style: 0.4,
      speed: [1, 0.85, 0.7, 0.95, 1.1, 1.05][i] ?? 1,
      localVoice: { variant: 'm3', pitch: 50 },
    },
  ]),
);

/** Adds up the time spent waiting for the provider, so the rest is post-processing. */
function timed(provider: SpeechProvider): SpeechProvider & { elapsedMs: number } {
  const wrapper = {
    ...provider,
    elapsedMs: 0,
    async synthesize(...args: Parameters<SpeechProvider['synthesize']>) {
      const start = performance.now();
      try {
        return await provider.synthesize(...args);
      } finally {
        wrapper.elapsedMs += performance.now() - start;
      }
    },
  };
  return wrapper;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};

const parsed = parse(script(), { characters: CHARACTERS });
if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
const standIn = await startElevenLabsStandIn({ concurrencyCap: 100 });
const dir = await mkdtemp(join(tmpdir(), 'bench-audio-'));
try {
  const storage = createLocalStorage(dir);
  const cache = createSegmentCache(storage);
  const provider = timed(
    createElevenLabsProvider({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl }),
  );
  const render = (beatIndex: number, takeId: string) =>
    renderTake({
      beat: parsed.script.beats[beatIndex]!,
      profiles,
      provider,
      storage,
      cache,
      sessionId: 'bench',
      takeId,
    });

  // Warm-up, not counted: JIT and compiling the encoder's WASM.
  const warmupBefore = ffmpegProcessCount();
  await render(0, 'warmup');
  const warmupProcesses = ffmpegProcessCount() - warmupBefore;

  const postprocess: number[] = [];
  const processes: number[] = [];
  const qcCpu: number[] = [];
  let segments = 0;
  for (let i = 0; i < BEATS; i++) {
    provider.elapsedMs = 0;
    const before = ffmpegProcessCount();
    const start = performance.now();
    const { take, signalQcCpuMs } = await render(i, 'take');
    postprocess.push(performance.now() - start - provider.elapsedMs);
    qcCpu.push(signalQcCpuMs);
    processes.push(ffmpegProcessCount() - before);
    segments += take.settings.length;
  }

  const figures: Record<string, number> = {
    takes: BEATS,
    segments_per_take_mean: Math.round((segments / BEATS) * 10) / 10,
    postprocess_ms_per_take_median: Math.round(percentile(postprocess, 0.5)),
    postprocess_ms_per_take_p90: Math.round(percentile(postprocess, 0.9)),
    ffmpeg_processes_per_take: processes.reduce((a, b) => a + b, 0) / BEATS,
    ffmpeg_processes_per_take_max: Math.max(...processes),
    signal_qc_cpu_ms_per_take_median: Math.round(percentile(qcCpu, 0.5) * 100) / 100,
    signal_qc_cpu_ms_per_take_p90: Math.round(percentile(qcCpu, 0.9) * 100) / 100,
    signal_qc_cpu_ms_per_take_max: Math.round(Math.max(...qcCpu) * 100) / 100,
    ffmpeg_processes_warmup: warmupProcesses,
  };
  for (const [name, value] of Object.entries(figures)) console.log(`${name}: ${value}`);
} finally {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
}
