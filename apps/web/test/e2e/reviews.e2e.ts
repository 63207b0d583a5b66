/**
 * Review decisions end to end, in a real browser against the real studio (local eSpeak voice, a
 * temporary database): reject with a reason and a note at a time, the note's marker on the
 * waveform, revise against it, approve the new take, "Needs review" empties, and the export's
 * manifest and notes.md carry it all.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, outputDir, replaceScript, startStudio, type Studio } from './studio.js';

const script = `[META]
video_title: E2E Reviews
project: trash-panda
default_character: every-coon

[BEAT: 01_hook]
name: Hook
---
Corporation stole your chips.
[END_BEAT]

[BEAT: 02_boomer]
name: Boomer
---
[CHARACTER: boomer]
Back in my day.
[END_BEAT]
`;

let studio: Studio | null = null;
let baseUrl = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;

const hook = () => page.locator('[data-beat-key="01_hook"]');
const takeOf = (n: number) =>
  hook()
    .locator('li.take')
    .nth(n - 1);

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  studio = await startStudio();
  baseUrl = studio.url;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[pageerror]', error.message));
});

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

describe('review decisions', () => {
  let sessionUrl = '';
  let rejectedId = '';
  let approvedId = '';

  it('voices a session to review', async () => {
    await page.goto(`${baseUrl}/new`);
    await replaceScript(page, script);
    await page.getByTestId('validation-status').filter({ hasText: 'Valid' }).waitFor();
    await page.getByRole('button', { name: 'Create & generate' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    sessionUrl = page.url();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="progress"]')?.getAttribute('data-ready') === '2',
      undefined,
      { timeout: 180_000 },
    );
    await page.getByTestId('author').fill('Dana');
  });

  it('rejects a take with a reason and a note at a time: the marker is on the waveform', async () => {
    rejectedId = (await takeOf(1).getAttribute('data-take-id')) ?? '';
    // A second reviewer's browser on the same session.
    const other = await context.newPage();
    await other.goto(sessionUrl);
    await other.locator(`li.take[data-take-id="${rejectedId}"][data-decision="none"]`).waitFor();
    await other.locator('.live.live').waitFor();
    await takeOf(1).getByRole('button', { name: 'Reject take 1 of Hook' }).click();
    const form = page.getByTestId('reject-form');
    await form.getByLabel('Reason').selectOption('wrong_emphasis');
    await form.getByLabel('Note (optional)').fill('Stress "chips", not "stole".');
    await form.getByLabel('At (s)').fill('0.5');
    await form.getByRole('button', { name: 'Reject' }).click();
    await hook()
      .locator(`li.take[data-take-id="${rejectedId}"][data-decision="rejected"]`)
      .waitFor();
    expect(await hook().getAttribute('data-review')).toBe('needs_fix');
    // The other browser sees the decision live, without a reload.
    await other
      .locator(`li.take[data-take-id="${rejectedId}"][data-decision="rejected"]`)
      .waitFor();
    await other.close();

    const marker = takeOf(1).getByTestId('note-marker');
    await marker.waitFor();
    expect(await marker.getAttribute('data-at-ms')).toBe('500');
    // Clicking the marker plays the take from the note's time.
    await marker.click();
    await page.waitForFunction(
      (id) => {
        const audio = document.querySelector<HTMLAudioElement>(`audio[data-take-id="${id}"]`);
        return !!audio && !audio.paused && audio.currentTime >= 0.5;
      },
      rejectedId,
      { timeout: 20_000 },
    );
    await takeOf(1)
      .getByRole('button', { name: /^Pause take 1/ })
      .click();
    await page.screenshot({ path: join(outputDir, 'reviews-01-rejected.png') });
  });

  it('revises against the rejection, then approves the new take', async () => {
    await hook().getByRole('button', { name: 'Revise' }).click();
    const panel = hook().getByTestId('revise-panel');
    const rejection = panel.getByTestId('revise-rejection');
    expect(await rejection.textContent()).toContain('Wrong emphasis');
    expect(await rejection.textContent()).toContain('Stress "chips", not "stole".');
    expect(await rejection.textContent()).toContain('0:00.5');
    await panel.getByLabel('Direction').fill('Lean on chips');
    await panel.getByRole('button', { name: 'Generate new take' }).click();
    await takeOf(2).waitFor({ timeout: 120_000 });
    approvedId = (await takeOf(2).getAttribute('data-take-id')) ?? '';

    await takeOf(2).getByRole('button', { name: 'Approve take 2 of Hook' }).click();
    await hook()
      .locator(
        `li.take[data-take-id="${approvedId}"][data-decision="approved"][data-selected="true"]`,
      )
      .waitFor();
    expect(await hook().getAttribute('data-review')).toBe('approved');
  });

  it('finds the next unreviewed beat by key, approves it with a, and "Needs review" empties', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('u');
    await page.locator('[data-beat-key="02_boomer"][aria-current="true"]').waitFor();
    await page.keyboard.press('a');
    await page.locator('[data-beat-key="02_boomer"][data-review="approved"]').waitFor();

    await page.getByTestId('filter-needs-review').click();
    await page.getByTestId('filter-empty').waitFor();
    expect(await page.locator('article.beat').count()).toBe(0);
    await page.getByTestId('filter-approved').click();
    expect(await page.locator('article.beat').count()).toBe(2);
    await page.locator('[data-testid="session-title"] ~ .sub [data-status="approved"]').waitFor();
    expect(await page.getByTestId('review-label').textContent()).toContain('2 approved');

    // The reviewer's name is remembered by this browser.
    await page.reload();
    expect(await page.getByTestId('author').inputValue()).toBe('Dana');
    await page.screenshot({ path: join(outputDir, 'reviews-02-approved.png') });
  });

  it('exports approved beats: manifest and notes.md show the decisions and the note', async () => {
    await page.goto(`${sessionUrl}/export`);
    await page.getByTestId('approved-only').check();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const links = page.locator('[data-testid="export-files"] a');
    await links.first().waitFor({ timeout: 120_000 });
    const hrefs = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const fetchText = async (name: string) => {
      const href = hrefs.find((h) => h.endsWith(`/${name}`));
      expect(href, name).toBeDefined();
      return (await context.request.get(href!)).text();
    };
    const manifest = JSON.parse(await fetchText('manifest.json')) as {
      beats: { beatKey: string; takeId: string; decision: string; reason: string | null }[];
    };
    expect(manifest.beats.map((b) => [b.beatKey, b.decision])).toEqual([
      ['01_hook', 'approved'],
      ['02_boomer', 'approved'],
    ]);
    expect(manifest.beats[0]!.takeId).toBe(approvedId);
    const notes = (await fetchText('notes.md')).split('\n');
    expect(notes).toContain(
      '| 01_hook | 1 | 0:00.5 | rejected | wrong_emphasis | Stress "chips", not "stole". | Dana |',
    );
    expect(notes).toContain('| 01_hook | 2 |  | approved |  |  |  |');
  });
});
