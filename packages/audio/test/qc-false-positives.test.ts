import { readdirSync, readFileSync } from 'node:fs';
import { parse } from '@studio/els';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createElevenLabsProvider,
  createElevenLabsTranscriber,
  createLocalEspeakProvider,
  createLocalStorage,
  renderTake,
  sessionChecks,
  type QcFlag,
  type RenderedTake,
  type SpeechProvider,
  type Transcriber,
} from '../src/index.js';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '../src/testing/index.js';
import { CHARACTERS, normsOf, PROFILES, tempDir } from './helpers.js';

const examples = new URL('../../../examples/', import.meta.url);
const scripts = readdirSync(examples).filter((name) => name.endsWith('.els'));

let standIn: ElevenLabsStandIn;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  dir = await tempDir();
});
afterAll(async () => {
  await standIn.close();
  await dir.cleanup();
});

/** Every beat of the script voiced, then each take's session checks against the others. */
async function flagsOf(
  name: string,
  provider: SpeechProvider,
  transcriber: Transcriber | null,
): Promise<{ beat: string; flags: QcFlag[]; status: string }[]> {
  const result = parse(readFileSync(new URL(name, examples), 'utf8'), {
    characters: [...CHARACTERS],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const storage = createLocalStorage(dir.path);
  const rendered: RenderedTake[] = [];
  for (const beat of result.script.beats) {
    rendered.push(
      await renderTake({
        beat,
        profiles: PROFILES,
        provider,
        transcriber,
        storage,
        sessionId: provider.name,
        takeId: beat.id,
      }),
    );
  }
  return rendered.map(({ qc, take }, i) => {
    const stats = qc.stats ?? { speechDb: null, lines: [] };
    const others = rendered
      .filter((_, j) => j !== i)
      .map((other) => other.qc.stats ?? { speechDb: null, lines: [] });
    const session = sessionChecks({
      stats,
      timings: take.timings,
      directions: [],
      norms: normsOf(stats, others),
    });
    return {
      beat: result.script.beats[i]?.id ?? '',
      flags: [...qc.flags, ...session],
      status: qc.status,
    };
  });
}

describe('no flag on clean speech', () => {
  it.each(scripts)('%s, voiced by the stand-in and transcribed through the SDK', async (name) => {
    const options = { apiKey: standIn.apiKey, baseUrl: standIn.baseUrl };
    const takes = await flagsOf(
      name,
      createElevenLabsProvider(options),
      createElevenLabsTranscriber(options),
    );
    expect(takes.filter((t) => t.flags.length > 0)).toEqual([]);
    expect(takes.every((t) => t.status === 'pass')).toBe(true);
  });

  it.each(scripts)('%s, voiced by the local voice', async (name) => {
    const takes = await flagsOf(name, createLocalEspeakProvider(), null);
    expect(takes.filter((t) => t.flags.length > 0)).toEqual([]);
  });
});
