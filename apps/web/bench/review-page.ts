/**
 * `pnpm bench:web`: the review page at size — 200 and 2,000 beats, 3 takes each — in chromium.
 *
 * Each session is seeded straight through `@studio/db` (no rendering: every take points at one
 * real MP3), then the studio starts on that database and the page is loaded several times.
 * Prints, per size, one figure per line:
 *   - the bytes of API answers (JSON) received before the first row shows, and of everything on
 *     a first visit (HTML, scripts, styles included);
 *   - time to interactive: navigation start → the rows on screen show their takes and the live
 *     connection is open (median of several reloads);
 *   - the round trip of selecting a take: click → shown selected, confirmed by the server;
 *   - the page's JS heap after load, and after scrolling through the whole session.
 * Then the time to create a 2,000-beat session from its script through the API.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMp3 } from '@studio/audio';
import { syntheticSpeech } from '@studio/audio/testing';
import {
  beats,
  createDatabase,
  createSessionFromScript,
  migrate,
  seedVoiceProfiles,
  selectTake,
  takes,
} from '@studio/db';
import { parse } from '@studio/els';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { Page } from 'playwright-core';
import superjson from 'superjson';
import type { AppRouter } from '@studio/server';
import { buildWeb, launchChromium, startStudio } from '../test/e2e/studio.js';

const SIZES = (process.env.BENCH_SIZES ?? '200,2000').split(',').map(Number);
const TAKES = 3;
const LOADS = 5;
const SELECTIONS = 20;
const CREATES = 3;
const TAKE_KEY = 'bench/take.mp3';

const sentences = [
  'Corporation stole your chips.',
  'Bag look *same*. Bag **not** same.',
  'Back in my day, a bag of chips was full.',
  'Okay boomer. [PAUSE: 200ms] The bag is half air.',
  'We are looking into the matter of the missing chips.',
];
const characters = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];

function script(count: number): string {
  const width = String(count).length;
  const body = Array.from({ length: count }, (_, i) => {
    const a = characters[i % characters.length]!;
    const b = characters[(i + 2) % characters.length]!;
    return [
      `[BEAT: ${String(i + 1).padStart(width, '0')}_beat]`,
      `name: Beat ${i + 1}`,
      '---',
      `[CHARACTER: ${a}]`,
      '[DIRECTION: Deadpan]',
      sentences[i % sentences.length]!,
      `[CHARACTER: ${b}]`,
      sentences[(i + 1) % sentences.length]!,
      '[END_BEAT]',
    ].join('\n');
  });
  return `[META]\nvideo_title: Bench ${count} beats\nproject: bench\n\n${body.join('\n\n')}\n`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** A database in `dataDir` holding one session of `count` beats × TAKES takes, all ready. */
async function seed(dataDir: string, count: number): Promise<string> {
  const speech = syntheticSpeech('Bag look same. Bag not same.', {
    sampleRate: 24_000,
    voiceId: 'bench',
    speed: 1,
  });
  const mp3 = await encodeMp3(speech.pcm, 24_000);
  await mkdir(join(dataDir, 'storage', 'bench'), { recursive: true });
  await writeFile(join(dataDir, 'storage', TAKE_KEY), mp3);
  const durationMs = Math.round((speech.pcm.length * 1000) / 24_000);

  const database = await createDatabase(undefined, { dataDir });
  try {
    const { db } = database;
    await migrate(db);
    await seedVoiceProfiles(db);
    const source = script(count);
    const parsed = parse(source, { characters });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics.slice(0, 3)));
    const session = await createSessionFromScript(db, { script: parsed.script, sourceEls: source });
    const started = Date.now() - 3_600_000;
    const rows = session.beats.flatMap((beat) =>
      Array.from({ length: TAKES }, (_, k) => ({
        beatId: beat.id,
        storageKey: TAKE_KEY,
        durationMs: durationMs + k * 10,
        settings: beat.parsed.segments.map((segment) => ({
          character: segment.character,
          voiceId: 'pNInz6obpgDQGcFmaJgB',
          modelId: 'eleven_multilingual_v2',
          stability: 0.3 + k * 0.2,
          similarityBoost: 0.75,
          style: 0.4,
          speed: 1,
          text: segment.text,
          lines: segment.lines,
        })),
        timings: beat.parsed.lines.map((line, index) => ({
          lineIndex: index,
          character: line.character,
          text: line.text,
          startMs: index * 1000,
          endMs: index * 1000 + 800,
          pauseAfterMs: line.pauseAfterMs,
        })),
        direction: k === 0 ? null : 'Deadpan',
        provider: 'elevenlabs' as const,
        modelId: 'eleven_multilingual_v2',
        charactersBilled: beat.text.length,
        requestIds: [`req-${beat.beatKey}-${k}`],
        contentHash: createHash('sha256').update(mp3).digest('hex'),
        voicedText: beat.text,
        createdAt: new Date(started + k * 60_000),
      })),
    );
    for (let i = 0; i < rows.length; i += 600) {
      const inserted = await db
        .insert(takes)
        .values(rows.slice(i, i + 600))
        .returning({ id: takes.id, beatId: takes.beatId });
      for (const take of inserted.filter((_, j) => (i + j) % TAKES === 0)) {
        await selectTake(db, { beatId: take.beatId, takeId: take.id });
      }
    }
    await db.update(beats).set({ status: 'ready' });
    return session.id;
  } finally {
    await database.close();
  }
}

// Page scripts are passed as text: tsx would wrap named functions in a helper the page lacks.
/** Resolves (with `performance.now()`) once the rows on screen show their takes, live. */
const untilInteractive = `new Promise((resolve) => {
  const check = () => {
    const onScreen = (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight;
    };
    const rows = [...document.querySelectorAll('[data-beat-id]')].filter(onScreen);
    const waiting = [...document.querySelectorAll('[data-beat-placeholder]')].filter(onScreen);
    const ready =
      rows.length > 0 &&
      waiting.length === 0 &&
      rows[0].querySelector('li.take') !== null &&
      document.querySelector('.live.live') !== null;
    if (ready) resolve(performance.now());
    else requestAnimationFrame(check);
  };
  check();
})`;

/** Bytes received before `until` (ms since navigation), API answers and everything. */
const bytesBefore = (until: number) => `(() => {
  let api = 0;
  let all = 0;
  for (const e of performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))) {
    if (e.responseEnd > ${until}) continue;
    const size = e.transferSize || e.encodedBodySize;
    all += size;
    if (e.name.includes('/trpc/')) api += size;
  }
  return { api, all };
})()`;

async function heapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Scrolls from top to bottom a screen at a time, letting each screen load. */
async function scrollThrough(page: Page): Promise<number> {
  const started = performance.now();
  await page.evaluate(`new Promise((resolve) => {
    const step = () => {
      window.scrollBy(0, innerHeight);
      if (innerHeight + scrollY >= document.documentElement.scrollHeight - 2) resolve(null);
      else setTimeout(step, 16);
    };
    step();
  })`);
  await page.evaluate(untilInteractive);
  return performance.now() - started;
}

async function selectRoundTrips(page: Page): Promise<number[]> {
  const times: number[] = [];
  await page.evaluate('window.scrollTo(0, 0)');
  await page.evaluate(untilInteractive);
  for (let i = 0; i < SELECTIONS; i++) {
    const ms = await page.evaluate<number>(`new Promise((resolve) => {
      // Rows on screen, if only in part: a row with its review controls can be taller than it.
      const rows = [...document.querySelectorAll('[data-beat-id]')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight && el.querySelector('li.take');
      });
      const row = rows[${i} % rows.length];
      const item = row.querySelector('li.take:not([data-selected="true"])');
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (item.dataset.selected === 'true') {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(item, { attributes: true, attributeFilter: ['data-selected'] });
      item.querySelector('button.select').click();
    })`);
    times.push(ms);
    // Let the live event confirming it arrive before the next click.
    await page.waitForTimeout(100);
  }
  return times;
}

if (process.env.BENCH_NO_BUILD !== '1') await buildWeb();
const browser = await launchChromium();
const seedDirs: string[] = [];
try {
  for (const size of SIZES) {
    const dataDir = await mkdtemp(join(tmpdir(), `bench-web-${size}-`));
    seedDirs.push(dataDir);
    const seedStart = performance.now();
    const sessionId = await seed(dataDir, size);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const studio = await startStudio({ DATA_DIR: dataDir });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const url = `${studio.url}/sessions/${sessionId}`;
      const label = `${size} × ${TAKES}`;

      // The first visit (cold browser cache), then reopenings, as a reviewer does all day.
      await page.goto(url);
      const cold = await page.evaluate<number>(untilInteractive);
      const coldBytes = await page.evaluate<{ api: number; all: number }>(bytesBefore(cold));
      const interactive: number[] = [];
      const apiBytes: number[] = [];
      for (let i = 0; i < LOADS; i++) {
        await page.goto('about:blank');
        await page.goto(url);
        const at = await page.evaluate<number>(untilInteractive);
        interactive.push(at);
        apiBytes.push((await page.evaluate<{ api: number }>(bytesBefore(at))).api);
      }
      // Where the last load's time went.
      const calls = await page.evaluate<
        { name: string; start: number; end: number; kb: number }[]
      >(`
        performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/trpc/'))
          .map((e) => ({
            name: new URL(e.name).pathname.slice('/trpc/'.length),
            start: e.startTime,
            end: e.responseEnd,
            kb: e.encodedBodySize / 1024,
          }))`);
      const heapLoaded = await heapBytes(page);
      const roundTrips = await selectRoundTrips(page);
      const scrollMs = await scrollThrough(page);
      const heapScrolled = await heapBytes(page);
      const rowsInPage = await page.locator('[data-beat-id], [data-beat-placeholder]').count();

      console.log(`session ${label}: seeded through @studio/db in ${seedSeconds.toFixed(1)} s`);
      console.log(
        `${label} bytes before the first row (API JSON): ${kb(median(apiBytes))} (first visit, everything: ${kb(coldBytes.all)})`,
      );
      console.log(
        `${label} time to interactive: median ${median(interactive).toFixed(0)} ms, max ${Math.max(...interactive).toFixed(0)} ms over ${LOADS} loads (first visit ${cold.toFixed(0)} ms)`,
      );
      const timeline = calls
        .filter((c) => c.end <= interactive.at(-1)!)
        .map(
          (c) => `${c.name} ${c.start.toFixed(0)}→${c.end.toFixed(0)} ms (${c.kb.toFixed(0)} KB)`,
        );
      console.log(
        `  last load: ${timeline.join('; ')}; rows shown at ${interactive.at(-1)!.toFixed(0)} ms`,
      );
      console.log(
        `${label} select a take round trip: median ${median(roundTrips).toFixed(0)} ms, max ${Math.max(...roundTrips).toFixed(0)} ms over ${SELECTIONS} clicks`,
      );
      console.log(
        `${label} JS heap: ${mb(heapLoaded)} loaded, ${mb(heapScrolled)} after scrolling through every beat (${(scrollMs / 1000).toFixed(1)} s), ${rowsInPage} rows in the page`,
      );

      const api = createTRPCClient<AppRouter>({
        links: [httpBatchLink({ url: `${studio.url}/trpc`, transformer: superjson })],
      });
      const outline = await api.sessions.summary.query({ sessionId });
      const summaryMs: number[] = [];
      const forBeatsMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        let start = performance.now();
        await api.sessions.summary.query({ sessionId });
        summaryMs.push(performance.now() - start);
        const beatIds = outline.beats.ids.slice(i * 20, i * 20 + 20);
        start = performance.now();
        await api.takes.forBeats.query({ sessionId, beatIds });
        forBeatsMs.push(performance.now() - start);
      }
      console.log(
        `  from Node: sessions.summary median ${median(summaryMs).toFixed(0)} ms, takes.forBeats (20 beats) median ${median(forBeatsMs).toFixed(0)} ms`,
      );

      if (size === Math.max(...SIZES)) {
        const source = script(size);
        const creates: number[] = [];
        for (let i = 0; i < CREATES; i++) {
          const start = performance.now();
          await api.sessions.create.mutate({ source });
          creates.push(performance.now() - start);
        }
        console.log(
          `create a ${size}-beat session from its script (API): median ${median(creates).toFixed(0)} ms over ${CREATES}`,
        );
      }
      await context.close();
    } finally {
      await studio.stop();
    }
  }
} finally {
  await browser.close();
  for (const dir of seedDirs) await rm(dir, { recursive: true, force: true });
}
