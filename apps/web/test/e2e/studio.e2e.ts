/**
 * The review studio end to end, in a real browser against the real studio (server + built web
 * app, local eSpeak voice, a temporary database): the director's day in one walk.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { launchChromium, outputDir, replaceScript, startStudio, type Studio } from './studio.js';

/** No `default_character`: the hook's lines go to the studio's default speaker (every-coon). */
const scriptWithError = `[META]
video_title: E2E Chips
project: trash-panda

[BEAT: 01_hook]
name: Hook
---
[DIRECTION: Punchy, deadpan]
[PACE: fastt]
Corporation stole your *chips*.
[PAUSE: 200ms]
Bag **not** same.
[END_BEAT]

[BEAT: 02_boomer]
name: Boomer
---
[CHARACTER: boomer]
[sighs] Back in my day.
[END_BEAT]
`;
/** 1-based line of `[PACE: fastt]` above. */
const errorLine = 9;

let studio: Studio | null = null;
let baseUrl = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;
const started = Date.now();
const timings: string[] = [];
/** What the browser refused under the pages' Content-Security-Policy, over the whole walk. */
const cspViolations: string[] = [];

function mark(step: string) {
  timings.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${step}`);
}

async function shot(name: string) {
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: false });
}

function unzipNames(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  if (process.env.E2E_URL) baseUrl = process.env.E2E_URL;
  else {
    studio = await startStudio();
    baseUrl = studio.url;
  }
  mark('studio started');
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[pageerror]', error.message));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
  console.log(`e2e timings:\n  ${timings.join('\n  ')}`);
});

describe('the review studio', () => {
  let sessionUrl = '';

  it('validates a script as it is typed, points at the error, and creates & generates', async () => {
    await page.goto(`${baseUrl}/new`);
    await replaceScript(page, scriptWithError);

    // The error is listed at its line, and underlined in the editor with a gutter mark.
    const item = page.locator(`[data-testid="diagnostics"] button[data-line="${errorLine}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-code')).toBe('pace/unknown');
    expect(await item.textContent()).toContain(`${errorLine}:`);
    expect(await page.locator('.cm-lintRange-error').textContent()).toBe('fastt');
    await page.locator('.cm-lint-marker-error').first().waitFor();
    expect(await page.getByRole('button', { name: 'Create & generate' }).isDisabled()).toBe(true);

    // Clicking it selects the problem in the editor.
    await item.click();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('fastt');
    await shot('01-new-session-error');

    // Fix it: valid, counted, estimated.
    await replaceScript(page, scriptWithError.replace('fastt', 'fast'));
    await page.getByTestId('validation-status').filter({ hasText: 'Valid' }).waitFor();
    expect(await page.getByTestId('beat-count').textContent()).toBe('2');
    expect(Number(await page.getByTestId('estimate-characters').textContent())).toBeGreaterThan(20);
    await shot('02-new-session-valid');
    mark('script validated');

    // The dialogue choice defaults to one performance.
    expect(await page.getByRole('radio', { name: /One performance/ }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Create & generate' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    sessionUrl = page.url();
    await page.getByTestId('session-title').filter({ hasText: 'E2E Chips' }).waitFor();

    // The audio tag is a chip in the line, with a note: boomer's model does not act on tags.
    const boomer = page.locator('[data-beat-key="02_boomer"]');
    await boomer.locator('.audio-tag').filter({ hasText: 'sighs' }).waitFor();
    expect(await boomer.locator('.line').first().textContent()).not.toContain('[sighs]');
    await boomer.getByTestId('tags-ignored').waitFor();
  });

  it('shows generation progress live until 100%', async () => {
    // A marker that a reload would wipe: progress must arrive over the event stream.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const progress = page.getByTestId('progress');
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="progress"]');
        return el?.getAttribute('data-ready') === '2' && el.getAttribute('data-total') === '2';
      },
      undefined,
      { timeout: 180_000 },
    );
    expect(await progress.getAttribute('aria-valuenow')).toBe('2');
    expect(await page.getByTestId('progress-label').textContent()).toContain('100%');
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
    ).toBe(true);
    await page.locator('.waveform[data-status="ready"]').first().waitFor();
    mark('generation reached 100%');
    await shot('03-session-generated');
  });

  it('plays a take: the audio element really advances', async () => {
    const firstTake = page.locator('[data-beat-key="01_hook"] li.take').first();
    const takeId = await firstTake.getAttribute('data-take-id');
    await firstTake.getByRole('button', { name: /^Play take 1/ }).click();
    await page.waitForFunction(
      (id) => {
        const audio = document.querySelector<HTMLAudioElement>(`audio[data-take-id="${id}"]`);
        return !!audio && audio.currentTime > 0.3;
      },
      takeId,
      { timeout: 20_000 },
    );
    await firstTake.getByRole('button', { name: /^Pause take 1/ }).click();
    mark('take played');
  });

  it('revises a beat: a second take appears, old one stays', async () => {
    const beat = page.locator('[data-beat-key="01_hook"]');
    await beat.getByRole('button', { name: 'Revise' }).click();
    const panel = beat.getByTestId('revise-panel');
    await panel.getByLabel('Direction').fill('Softer, almost whispering');
    await panel.getByLabel('Stability').fill('0.8');
    await panel.getByRole('button', { name: 'Generate new take' }).click();
    await beat.locator('li.take').nth(1).waitFor({ timeout: 120_000 });
    expect(await beat.locator('li.take').count()).toBe(2);
    await beat.locator('li.take').nth(1).locator('.waveform[data-status="ready"]').waitFor();
    mark('revised take arrived');
  });

  it('selects the new take from the keyboard, and the choice survives a reload', async () => {
    const beat = page.locator('[data-beat-key="01_hook"]');
    const second = beat.locator('li.take').nth(1);
    const secondId = await second.getAttribute('data-take-id');
    // The reviewer was working in the first beat (Revise): it is the keyboard's current beat.
    expect(await beat.getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('j');
    await page.locator('[data-beat-key="02_boomer"][aria-current="true"]').waitFor();
    await page.keyboard.press('k');
    await page.locator('[data-beat-key="01_hook"][aria-current="true"]').waitFor();
    await page.keyboard.press('2');
    await beat.locator(`li.take[data-take-id="${secondId}"][data-selected="true"]`).waitFor();

    await page.keyboard.press('?');
    await page.locator('#shortcut-help[open]').waitFor();
    await shot('04-shortcuts');
    await page.keyboard.press('Escape');

    await page.reload();
    await page
      .locator(
        `[data-beat-key="01_hook"] li.take[data-take-id="${secondId}"][data-selected="true"]`,
      )
      .waitFor();
    expect(
      await page.locator('[data-beat-key="01_hook"] li.take[data-selected="true"]').count(),
    ).toBe(1);
    await beat.getByRole('button', { name: 'Compare' }).click();
    await beat.getByTestId('compare-panel').waitFor();
    await shot('05-session-compare');
    mark('selection persisted');
  });

  it('exports: every file downloads and the zip opens', async () => {
    await page.goto(`${sessionUrl}/export`);
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const links = page.locator('[data-testid="export-files"] a');
    await links.first().waitFor({ timeout: 120_000 });
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(5);
    const zipHref = hrefs.find((h) => h.endsWith('.zip'));
    expect(zipHref).toBeDefined();
    for (const href of hrefs) {
      const response = await context.request.get(href);
      expect(response.status(), href).toBe(200);
      expect((await response.body()).length, href).toBeGreaterThan(0);
    }
    const zip = await (await context.request.get(zipHref!)).body();
    const names = await unzipNames(zip);
    expect(names.length).toBeGreaterThanOrEqual(hrefs.length - 1);
    expect(names.some((n) => n.endsWith('.mp3'))).toBe(true);
    await shot('06-export');
    mark('export downloaded');
  });

  it('saves a voice profile change (a reload shows it)', async () => {
    await page.goto(`${baseUrl}/voices`);
    const card = page.locator('form[data-character="boomer"]');
    const description = `Old raccoon, edited by the e2e test at ${started}.`;
    const speed = Number(await card.getByLabel('Speed').inputValue()) === 0.9 ? '1.1' : '0.9';
    await card.getByLabel('Description').fill(description);
    await card.getByLabel('Speed').fill(speed);
    await card.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Saved' }).waitFor();
    await shot('07-voices');
    await page.reload();
    const reloaded = page.locator('form[data-character="boomer"]');
    expect(await reloaded.getByLabel('Description').inputValue()).toBe(description);
    expect(Number(await reloaded.getByLabel('Speed').inputValue())).toBeCloseTo(Number(speed));
    mark('voice saved');
  });

  it('shows the session script read-only, the beat under review marked', async () => {
    await page.goto(sessionUrl);
    await page.getByTestId('session-title').waitFor();
    await page.getByRole('link', { name: 'Script', exact: true }).click();
    await page.waitForURL(/\/script\?beat=01_hook$/);
    const editor = page.getByRole('textbox', { name: 'Session script' });
    await editor.waitFor();
    const marked = page.locator('.cm-line.els-review');
    await marked.first().waitFor();
    expect(await marked.first().textContent()).toBe('[BEAT: 01_hook]');
    expect(await marked.last().textContent()).toBe('[END_BEAT]');
    // Read-only: typing changes nothing.
    await editor.click();
    await page.keyboard.type('typed');
    expect(await editor.textContent()).not.toContain('typed');
    await shot('session-script');
    mark('script viewed');
  });

  it('lists the session on the home screen', async () => {
    await page.goto(baseUrl);
    const sessionId = sessionUrl.split('/').at(-1);
    const row = page.locator(`[data-testid="sessions"] tr[data-session-id="${sessionId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('E2E Chips');
    expect(await row.textContent()).toContain('100%');
    await shot('08-sessions');
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(sessionUrl);
    await page.getByTestId('session-title').waitFor();
    await shot('09-session-narrow');
    mark('home listed');
  });

  it('re-imports an edited script: preview, confirm, the changed beat is stale', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${sessionUrl}/reimport`);
    // The editor shows the session's script before it is edited.
    await page.locator('.cm-line', { hasText: 'Back in my day.' }).waitFor();
    // The session was created from the fixed script.
    const source = scriptWithError.replace('fastt', 'fast');
    await replaceScript(
      page,
      source.replace('Back in my day.', 'Back in my day, chips were chips.'),
      'Edited ELS script',
    );
    const preview = page.getByTestId('reimport-preview');
    await preview.locator('li.changed', { hasText: '02_boomer' }).waitFor();
    expect(await preview.locator('li.added, li.removed').count()).toBe(0);
    await shot('10-reimport');
    await page.getByRole('button', { name: 'Confirm re-import' }).click();
    await page.waitForURL(sessionUrl);
    const beat = page.locator('[data-beat-key="02_boomer"]');
    await beat.locator('[data-status="stale"]').first().waitFor();
    await beat.getByText('Previous text').waitFor();
    mark('re-imported');
  });

  it('ran every step under a Content-Security-Policy that allows no foreign script or frame', async () => {
    const response = await page.goto(baseUrl);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    // Hydrated: the client router renders the session list.
    await page
      .getByRole('link', { name: /E2E Chips/ })
      .first()
      .waitFor();
    expect(cspViolations).toEqual([]);
  });
});
