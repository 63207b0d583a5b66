import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addTake,
  createSessionFromScript,
  deleteTake,
  migrate,
  MIGRATIONS_FOLDER,
  sessionQcNorms,
  setTakeQc,
  takes,
  type QcNorm,
  type QcStats,
  type StudioDb,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing.js';
import { engines, script, takeInput, useDatabase } from './helpers.js';

type Line = QcStats['lines'][number];

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The norm the checks would compute from the values in memory. */
function expected(values: number[]): QcNorm {
  return { count: values.length, median: median(values) };
}

function expectNorm(actual: QcNorm | undefined, want: QcNorm): void {
  expect(actual?.count).toBe(want.count);
  if (want.median === null) expect(actual?.median).toBeNull();
  else expect(actual?.median).toBeCloseTo(want.median, 9);
}

/** Deterministic, irregular values: medians of odd and even counts, no ties to hide mistakes. */
function valueAt(i: number, base: number, spread: number): number {
  return base + ((i * 7919) % 1000) * (spread / 1000) + i / 1e6;
}

const CHARACTERS = ['every-coon', 'boomer', 'fed'];

function statsAt(i: number): QcStats {
  const lines: Line[] = Array.from({ length: 1 + (i % 3) }, (_, lineIndex) => ({
    lineIndex,
    character: CHARACTERS[(i + lineIndex) % CHARACTERS.length]!,
    msPerChar: valueAt(i * 3 + lineIndex, 55, 30),
  }));
  return { speechDb: i % 5 === 4 ? null : valueAt(i, -22, 8), lines };
}

async function sessionWithTakes(db: StudioDb, count: number) {
  const session = await createSessionFromScript(db, {
    script: script(Array.from({ length: count }, (_, i) => `beat-${i}`)),
    sourceEls: '',
  });
  const stored: { id: string; stats: QcStats | undefined }[] = [];
  for (const [i, beat] of session.beats.entries()) {
    // Every fourth take predates QC's statistics: it has none and counts for nothing.
    const stats = i % 4 === 3 ? undefined : statsAt(i);
    const { take } = await addTake(
      db,
      takeInput(beat.id, {
        qc: { status: 'pass', flags: [], ...(stats ? { stats } : {}) },
      }),
    );
    stored.push({ id: take.id, stats });
  }
  return { sessionId: session.id, stored };
}

/** What `sessionQcNorms` must answer, computed from the stored stats in memory. */
function reference(
  stored: { id: string; stats: QcStats | undefined }[],
  own: { takeId?: string; lines: readonly Line[] },
) {
  const others = stored
    .filter((s) => s.id !== own.takeId)
    .flatMap((s) => (s.stats ? [s.stats] : []));
  const levels = others.flatMap((s) => (s.speechDb === null ? [] : [s.speechDb]));
  const lines = [...others.flatMap((s) => s.lines), ...own.lines];
  const rates = (character: string) =>
    lines.filter((l) => l.character === character).map((l) => l.msPerChar);
  return { speechDb: expected(levels), rates };
}

describe.each(engines)('session QC norms on %s', (engine) => {
  const database = useDatabase(engine);

  it('match the medians computed from every take’s stats, the checked take left out', async () => {
    const { db } = database();
    const { sessionId, stored } = await sessionWithTakes(db, 41);
    // Another session's takes must not count.
    await sessionWithTakes(db, 5);

    const fresh = { lines: [{ lineIndex: 0, character: 'boomer', msPerChar: 140 }] };
    const newTake = await sessionQcNorms(db, { sessionId, ...fresh });
    const want = reference(stored, fresh);
    expectNorm(newTake.speechDb, want.speechDb);
    expect(Object.keys(newTake.msPerChar)).toEqual(['boomer']);
    expectNorm(newTake.msPerChar.boomer, expected(want.rates('boomer')));

    // A stored take checked again: its stored values are replaced by the lines given.
    const rerun = stored[2]!;
    const own = { takeId: rerun.id, lines: rerun.stats!.lines };
    const again = await sessionQcNorms(db, { sessionId, ...own });
    const wantAgain = reference(stored, own);
    expectNorm(again.speechDb, wantAgain.speechDb);
    expect(wantAgain.speechDb.count).toBe(want.speechDb.count - 1);
    for (const { character } of own.lines) {
      expectNorm(again.msPerChar[character], expected(wantAgain.rates(character)));
    }
  });

  it('an empty session, a take without lines: counts of zero, no median', async () => {
    const { db } = database();
    const { sessionId } = await sessionWithTakes(db, 0);
    expect(await sessionQcNorms(db, { sessionId, lines: [] })).toEqual({
      speechDb: { count: 0, median: null },
      msPerChar: {},
    });
    const one = await sessionQcNorms(db, {
      sessionId,
      lines: [{ character: 'fed', msPerChar: 61.5 }],
    });
    expect(one.msPerChar).toEqual({ fed: { count: 1, median: 61.5 } });
  });

  it('follow every write of a take’s qc: a re-run’s new stats, a deletion, malformed stats', async () => {
    const { db } = database();
    const { sessionId, stored } = await sessionWithTakes(db, 6);
    const levels = () => sessionQcNorms(db, { sessionId, lines: [] });
    const before = await levels();

    const changed = stored[0]!;
    await setTakeQc(db, changed.id, {
      status: 'pass',
      flags: [],
      stats: { speechDb: 9, lines: [{ lineIndex: 0, character: 'chad', msPerChar: 500 }] },
    });
    const after = await sessionQcNorms(db, {
      sessionId,
      lines: [{ character: 'chad', msPerChar: 100 }],
    });
    expect(after.speechDb.count).toBe(before.speechDb.count);
    expect(after.speechDb.median).not.toBe(before.speechDb.median);
    expect(after.msPerChar.chad).toEqual({ count: 2, median: 300 });

    // A QC write that leaves the stats as they were keeps the values (flags change on a re-run).
    await setTakeQc(db, changed.id, {
      status: 'warn',
      flags: [{ code: 'rate_outlier', severity: 'warn', message: 'slow' }],
      stats: { speechDb: 9, lines: [{ lineIndex: 0, character: 'chad', msPerChar: 500 }] },
    });
    expect((await levels()).speechDb).toEqual(after.speechDb);

    await deleteTake(db, changed.id);
    const deleted = await sessionQcNorms(db, {
      sessionId,
      lines: [{ character: 'chad', msPerChar: 100 }],
    });
    expect(deleted.msPerChar.chad).toEqual({ count: 1, median: 100 });
    expect(deleted.speechDb.count).toBe(before.speechDb.count - 1);

    // Stats written by another tool in a shape QC does not know: the write succeeds, they count for nothing.
    const odd = stored[1]!;
    await db
      .update(takes)
      .set({
        qc: sql`jsonb_build_object('status', 'pass', 'flags', '[]'::jsonb, 'stats',
          jsonb_build_object('speechDb', 'loud', 'lines', '[{"lineIndex": 0, "character": 7, "msPerChar": 1}]'::jsonb))`,
      })
      .where(sql`${takes.id} = ${odd.id}`);
    expect((await levels()).speechDb.count).toBe(before.speechDb.count - 2);
  });
});

describe.each(engines)('migration 0005 on %s', (engine) => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('copies the stats of takes voiced before it', async () => {
    // The migrations up to 0004, as a database voiced before this one holds them.
    const older = mkdtempSync(join(tmpdir(), 'studio-migrations-'));
    folders.push(older);
    cpSync(MIGRATIONS_FOLDER, older, { recursive: true });
    rmSync(join(older, '0005_take_qc_norms.sql'));
    const journalPath = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((entry) => entry.tag !== '0005_take_qc_norms');
    writeFileSync(journalPath, JSON.stringify(journal));

    const { db, close } = await createTestDatabase({ engine, empty: true });
    try {
      await migrate(db, older);
      const { sessionId, stored } = await sessionWithTakes(db, 9);
      expect(await migrate(db)).toEqual({ applied: 1 });

      const lines = [{ lineIndex: 0, character: 'fed', msPerChar: 70 }];
      const norms = await sessionQcNorms(db, { sessionId, lines });
      const want = reference(stored, { lines });
      expectNorm(norms.speechDb, want.speechDb);
      expect(want.speechDb.count).toBeGreaterThan(3);
      expectNorm(norms.msPerChar.fed, expected(want.rates('fed')));
    } finally {
      await close();
    }
  });
});
