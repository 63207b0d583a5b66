/**
 * `pnpm bench:web`: the review page with a big session — 200 beats × 3 takes — in chromium.
 *
 * The session is seeded through the tRPC API against the ElevenLabs stand-in of
 * `@studio/audio/testing` at zero latency (the local voice would take minutes), then the page is
 * loaded several times and takes are selected. Prints, one figure per line:
 *   - time until the page is interactive: navigation start → all 200 beat rows rendered with their
 *     takes and the live connection open (target < 1 s; waveforms render lazily as rows scroll in);
 *   - the round trip of selecting a take: click → the take shown selected, confirmed by the server
 *     (target < 100 ms).
 */
import { startElevenLabsStandIn } from '@studio/audio/testing';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@studio/server';
import { buildWeb, launchChromium, startStudio } from '../test/e2e/studio.js';

const BEATS = 200;
const TAKES = 3;
const LOADS = 5;
const SELECTIONS = 20;

const lines = [
  'Corporation stole your chips.',
  'Bag look *same*. Bag **not** same.',
  'Back in my day, a bag of chips was full.',
  'Okay boomer. [PAUSE: 200ms] The bag is half air.',
  'We are looking into the matter of the missing chips.',
];
const characters = ['every-coon', 'boomer', 'fed', 'whale', 'wojak', 'chad'];

function script(): string {
  const beats = Array.from({ length: BEATS }, (_, i) => {
    const id = String(i + 1).padStart(3, '0');
    const a = characters[i % characters.length]!;
    const b = characters[(i + 2) % characters.length]!;
    return [
      `[BEAT: ${id}_beat]`,
      `name: Beat ${i + 1}`,
      '---',
      `[CHARACTER: ${a}]`,
      '[DIRECTION: Deadpan]',
      lines[i % lines.length]!,
      `[CHARACTER: ${b}]`,
      lines[(i + 1) % lines.length]!,
      '[END_BEAT]',
    ].join('\n');
  });
  return `[META]\nvideo_title: Bench 200 beats\nproject: bench\n\n${beats.join('\n\n')}\n`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const p95 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!;
};

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

if (process.env.BENCH_NO_BUILD !== '1') await buildWeb();
const standIn = await startElevenLabsStandIn({ latencyMs: 0 });
const studio = await startStudio({
  TTS_PROVIDER: 'elevenlabs',
  ELEVENLABS_API_KEY: standIn.apiKey,
  ELEVENLABS_BASE_URL: standIn.baseUrl,
  GENERATION_CONCURRENCY: '8',
});
const browser = await launchChromium();

try {
  const api = createTRPCClient<AppRouter>({
    // The server refuses batches of more than 20 calls.
    links: [httpBatchLink({ url: `${studio.url}/trpc`, transformer: superjson, maxItems: 20 })],
  });

  // Seed: 200 beats, each generated once and revised twice (3 takes).
  const seedStart = performance.now();
  const session = await api.sessions.create.mutate({ source: script() });
  await api.generation.start.mutate({ sessionId: session.id });
  const takeCount = async () =>
    (await api.sessions.get.query({ sessionId: session.id })).beats.reduce(
      (n, beat) => n + beat.takes.length,
      0,
    );
  await waitFor(async () => (await takeCount()) >= BEATS, 'the first takes');
  for (let round = 1; round < TAKES; round++) {
    await Promise.all(
      session.beats.map((beat) =>
        api.generation.regenerateBeat.mutate({
          sessionId: session.id,
          beatId: beat.id,
          overrides: { stability: 0.3 + round * 0.2 },
        }),
      ),
    );
  }
  await waitFor(async () => (await takeCount()) >= BEATS * TAKES, 'all takes');
  const seeded = await api.sessions.get.query({ sessionId: session.id });
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const url = `${studio.url}/sessions/${session.id}`;

  // Page scripts are passed as text: tsx would wrap named functions in a helper the page lacks.
  const untilInteractive = `new Promise((resolve) => {
    const check = () => {
      const ready =
        document.querySelectorAll('[data-beat-id]').length === ${BEATS} &&
        document.querySelectorAll('li.take').length >= ${BEATS} &&
        document.querySelector('.live.live') !== null;
      if (ready) resolve(performance.now());
      else requestAnimationFrame(check);
    };
    check();
  })`;

  // The first visit (cold browser cache), then reopenings, as a reviewer does all day.
  await page.goto(url);
  const cold = await page.evaluate<number>(untilInteractive);
  const interactive: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto('about:blank');
    await page.goto(url);
    interactive.push(await page.evaluate<number>(untilInteractive));
  }
  // Where the last load's time went: the session's data, then building the page from it.
  const breakdown = await page.evaluate<{ start: number; end: number; kb: number }>(`(() => {
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('sessions.get'));
    return entry
      ? { start: entry.startTime, end: entry.responseEnd, kb: entry.encodedBodySize / 1024 }
      : { start: NaN, end: NaN, kb: NaN };
  })()`);
  const waveformsBuilt = await page.locator('.waveform:not([data-status="waiting"])').count();

  // Selecting takes: click → shown selected after the server confirmed it.
  const roundTrips: number[] = [];
  const requestTimes: number[] = [];
  const sentAfter: number[] = [];
  for (let i = 0; i < SELECTIONS; i++) {
    const beat = seeded.beats[i % 10]!;
    const current = await page
      .locator(`[data-beat-id="${beat.id}"] li.take[data-selected="true"]`)
      .getAttribute('data-take-id');
    const target = beat.takes.find((t) => t.id !== current)!;
    await page.locator(`[data-beat-id="${beat.id}"]`).scrollIntoViewIfNeeded();
    const timing = await page.evaluate<{
      total: number;
      request: number;
      sent: number;
    }>(`new Promise((resolve) => {
      const item = document.querySelector('li.take[data-take-id="${target.id}"]');
      const button = item.querySelector('button.select');
      performance.clearResourceTimings();
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (item.dataset.selected === 'true') {
          observer.disconnect();
          const total = performance.now() - start;
          // The live event may confirm before the HTTP response is complete: read its timing later.
          setTimeout(() => {
            const entry = performance
              .getEntriesByType('resource')
              .find((e) => e.name.includes('takes.select'));
            resolve({
              total,
              request: entry ? entry.responseEnd - entry.startTime : NaN,
              sent: entry ? entry.startTime - start : NaN,
            });
          }, 300);
        }
      });
      observer.observe(item, { attributes: true, attributeFilter: ['data-selected'] });
      button.click();
    })`);
    const ms = timing.total;
    requestTimes.push(timing.request);
    sentAfter.push(timing.sent);
    roundTrips.push(ms);
  }

  // For comparison: the same mutation from Node, without the browser (the server's share).
  const apiOnly: number[] = [];
  for (let i = 0; i < SELECTIONS; i++) {
    const beat = seeded.beats[10 + (i % 10)]!;
    const take = beat.takes[i % TAKES]!;
    const start = performance.now();
    await api.takes.select.mutate({ beatId: beat.id, takeId: take.id });
    apiOnly.push(performance.now() - start);
  }

  // The server agrees with what the page shows.
  const after = await api.sessions.get.query({ sessionId: session.id });
  const shown = await page.locator('li.take[data-selected="true"]').count();
  if (shown !== BEATS || after.beats.some((b) => b.selectedTakeId === null)) {
    throw new Error('selection on the page and on the server disagree');
  }

  console.log(`session: ${BEATS} beats × ${TAKES} takes (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(
    `time to interactive: median ${median(interactive).toFixed(0)} ms, max ${Math.max(...interactive).toFixed(0)} ms over ${LOADS} loads (target < 1000 ms)`,
  );
  console.log(`time to interactive, first visit (cold cache): ${cold.toFixed(0)} ms`);
  console.log(
    `  last load: sessions.get requested at ${breakdown.start.toFixed(0)} ms, answered at ${breakdown.end.toFixed(0)} ms (${breakdown.kb.toFixed(0)} KB); rows rendered by ${interactive.at(-1)!.toFixed(0)} ms`,
  );
  console.log(`waveforms built at load: ${waveformsBuilt} of ${BEATS * TAKES} (lazy)`);
  console.log(
    `select take round trip: median ${median(roundTrips).toFixed(0)} ms, p95 ${p95(roundTrips).toFixed(0)} ms over ${SELECTIONS} clicks (target < 100 ms)`,
  );
  console.log(
    `  in the browser: request sent ${median(sentAfter).toFixed(0)} ms after the click, HTTP round trip median ${median(requestTimes).toFixed(0)} ms`,
  );
  console.log(
    `  of which the server (takes.select from Node): median ${median(apiOnly).toFixed(0)} ms, p95 ${p95(apiOnly).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await studio.stop();
  await standIn.close();
}
