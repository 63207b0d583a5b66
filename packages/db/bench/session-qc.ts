/**
 * `pnpm bench:db`: what the session-wide QC checks cost each voiced beat as a session grows. For
 * 200 and 2,000 beats × 3 takes (two lines each, stats as take QC stores them), the median time of
 * `sessionQcNorms` for a new take, and of storing a take (the trigger that copies its stats
 * included). On PGlite, and on Postgres too with `TEST_DATABASE_URL`. No target of its own: the
 * figure should not grow with the session (it read every take's jsonb before: 4–11 ms at
 * 200 × 3, 52–59 ms at 2,000 × 3 on PGlite).
 */
import { parse } from '@studio/els';
import {
  addTake,
  createSessionFromScript,
  sessionQcNorms,
  takes,
  type DatabaseKind,
  type NewTake,
  type StudioDb,
} from '../src/index.js';
import { availableTestEngines, createTestDatabase } from '../src/testing.js';

const TAKES = 3;
const SAMPLES = 30;
const characters = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];

function script(count: number): string {
  const beats = Array.from({ length: count }, (_, i) =>
    [
      `[BEAT: b${i + 1}]`,
      `name: Beat ${i + 1}`,
      '---',
      `[CHARACTER: ${characters[i % characters.length]}]`,
      'The bag looks the same.',
      `[CHARACTER: ${characters[(i + 2) % characters.length]}]`,
      'The bag is not the same.',
      '[END_BEAT]',
    ].join('\n'),
  );
  return `[META]\nvideo_title: Bench\nproject: bench\n\n${beats.join('\n\n')}\n`;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

function take(beatId: string, lines: { character: string }[], i: number): NewTake {
  return {
    beatId,
    storageKey: `takes/${beatId}/${i}.mp3`,
    durationMs: 3000,
    settings: [],
    timings: [],
    direction: null,
    provider: 'elevenlabs',
    modelId: 'eleven_multilingual_v2',
    contentHash: `${beatId}-${i}`,
    voicedText: 'The bag looks the same. The bag is not the same.',
    qc: {
      status: 'pass',
      flags: [],
      stats: {
        speechDb: -20 + ((i * 37) % 40) / 10,
        lines: lines.map((line, lineIndex) => ({
          lineIndex,
          character: line.character,
          msPerChar: 55 + ((i * 53 + lineIndex * 11) % 300) / 10,
        })),
      },
    },
  };
}

async function measure(engine: DatabaseKind, count: number): Promise<void> {
  const { db, close } = await createTestDatabase({ engine });
  try {
    const parsed = parse(script(count), { characters });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics.slice(0, 3)));
    const session = await createSessionFromScript(db as StudioDb, {
      script: parsed.script,
      sourceEls: '',
    });
    const rows = session.beats.flatMap((beat, b) =>
      Array.from({ length: TAKES }, (_, k) => take(beat.id, beat.parsed.lines, b * TAKES + k)),
    );
    for (let i = 0; i < rows.length; i += 500)
      await db.insert(takes).values(rows.slice(i, i + 500));

    const norms: number[] = [];
    const stores: number[] = [];
    for (let s = 0; s < SAMPLES; s++) {
      const beat = session.beats[(s * 7919) % session.beats.length]!;
      const own = take(beat.id, beat.parsed.lines, rows.length + s);
      const started = performance.now();
      await sessionQcNorms(db, { sessionId: session.id, lines: own.qc!.stats!.lines });
      norms.push(performance.now() - started);
      const storing = performance.now();
      await addTake(db, own);
      stores.push(performance.now() - storing);
    }
    const label = `${count} × ${TAKES} on ${engine}`;
    console.log(`session QC norms, ${label}: median ${median(norms).toFixed(1)} ms`);
    console.log(`storing a take, ${label}: median ${median(stores).toFixed(1)} ms`);
  } finally {
    await close();
  }
}

for (const engine of availableTestEngines()) {
  for (const count of [200, 2000]) await measure(engine, count);
}
