import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, type Beat } from '@studio/els';
import { afterAll, beforeAll } from 'vitest';
import {
  createElevenLabsProvider,
  createLocalStorage,
  createSegmentCache,
  type QcStats,
  type RenderTakeInput,
  type SessionNorms,
  type VoiceProfile,
} from '../src/index.js';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '../src/testing/index.js';

export const CHARACTERS = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'] as const;

const LOCAL_VOICES: Record<(typeof CHARACTERS)[number], VoiceProfile['localVoice']> = {
  'every-coon': { variant: 'm3', pitch: 50 },
  boomer: { variant: 'm1', pitch: 30 },
  fed: { variant: 'm7', pitch: 40 },
  whale: { variant: 'm2', pitch: 20 },
  wojak: { variant: 'f2', pitch: 70 },
  chad: { variant: 'm5', pitch: 60 },
};

/** The six characters of the seed, each with its own voice id so the stand-in's pitch differs. */
export const PROFILES: Record<string, VoiceProfile> = Object.fromEntries(
  CHARACTERS.map((character, i) => [
    character,
    {
      character,
      displayName: character,
      description: '',
      voiceId: `voice-${character}`,
      modelId: 'eleven_multilingual_v2',
      stability: 0.35 + i * 0.05,
      similarityBoost: 0.78,
      style: 0.45,
      speed: 1,
      localVoice: LOCAL_VOICES[character],
    },
  ]),
);

/** Beats of an ELS body (the `[META]` block is added), through the real parser. */
export function beatsOf(body: string): Beat[] {
  const result = parse(
    `[META]\nvideo_title: Test\nproject: test\ndefault_character: every-coon\n\n${body}`,
    {
      characters: [...CHARACTERS],
    },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.script.beats;
}

export function beatOf(body: string): Beat {
  const [beat] = beatsOf(body);
  if (!beat) throw new Error('no beat');
  return beat;
}

/** A fresh folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'audio-test-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export interface StandInRender {
  standIn: ElevenLabsStandIn;
  /** What every render of the file shares: the ElevenLabs provider on the stand-in, storage, cache. */
  render: Pick<RenderTakeInput, 'provider' | 'storage' | 'cache' | 'sessionId'>;
}

/**
 * For a test file: a fresh stand-in and a temporary storage folder with a segment cache, started
 * before its tests and removed after them. Read the parts inside tests.
 */
export function useStandInRender(): () => StandInRender {
  let parts: StandInRender | undefined;
  let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
  beforeAll(async () => {
    const standIn = await startElevenLabsStandIn();
    dir = await tempDir();
    const storage = createLocalStorage(dir.path);
    parts = {
      standIn,
      render: {
        provider: createElevenLabsProvider({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl }),
        storage,
        cache: createSegmentCache(storage),
        sessionId: 'session1',
      },
    };
  });
  afterAll(async () => {
    await parts?.standIn.close();
    await dir?.cleanup();
  });
  return () => {
    if (!parts) throw new Error('useStandInRender: read it inside a test');
    return parts;
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A take's session norms as the database computes them, from the stats of the takes in memory. */
export function normsOf(stats: QcStats, others: readonly QcStats[]): SessionNorms {
  const levels = others.flatMap((other) => (other.speechDb === null ? [] : [other.speechDb]));
  const lines = [stats, ...others].flatMap((take) => take.lines);
  const msPerChar = Object.fromEntries(
    stats.lines.map(({ character }) => {
      const rates = lines.filter((l) => l.character === character).map((l) => l.msPerChar);
      return [character, { count: rates.length, median: median(rates) }];
    }),
  );
  return { speechDb: { count: levels.length, median: median(levels) }, msPerChar };
}
