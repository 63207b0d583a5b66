/**
 * The script editor in a real browser against the real studio: typing into CodeMirror, the
 * parser's diagnostics underlined where they are, completion from the studio's voice profiles,
 * Format — all under the pages' Content-Security-Policy.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, outputDir, replaceScript, startStudio, type Studio } from './studio.js';

const header = `[META]
video_title: Editor
project: e2e
default_character: every-coon

[BEAT: 01_hook]
name: Hook
---
`;

let studio: Studio;
let browser: Browser;
let page: Page;
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(outputDir, { recursive: true });
  studio = await startStudio();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on('pageerror', (error) => console.error('[pageerror]', error.message));
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  await page.goto(`${studio.url}/new`);
  await page.locator('[data-testid="script-editor"][data-ready="true"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

const editor = () => page.getByRole('textbox', { name: 'ELS script' });
const status = () => page.getByTestId('validation-status');

/** Replace the whole text by typing it (no completion pops up for pasted text). */
async function typeScript(text: string) {
  await replaceScript(page, text);
  await page.keyboard.press('Escape');
}

/** Move the mouse onto `target` the way a hand does (CodeMirror waits for it to rest there). */
async function restOn(target: Locator) {
  const box = await target.boundingBox();
  if (!box) throw new Error('nothing to hover');
  await page.mouse.move(box.x + 1, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
}

/** The editor's text, line by line (CodeMirror draws one element per line). */
async function editorText(): Promise<string> {
  const lines = await page.locator('.cm-content .cm-line').allTextContents();
  return lines.join('\n');
}

/**
 * Accepts the completion labelled `label` by a click until the editor holds `expected`: the list
 * re-renders as it filters, so a click can land on a row being replaced (then the list is asked
 * for again and the click repeated).
 */
async function accept(label: string, expected: string): Promise<void> {
  await expect
    .poll(
      async () => {
        if ((await editorText()).includes(expected)) return true;
        await page
          .locator('.cm-tooltip-autocomplete li', { hasText: label })
          .first()
          .click({ timeout: 2_000 })
          .catch(() => page.keyboard.press('Control+Space'));
        return (await editorText()).includes(expected);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

describe('the script editor', () => {
  it('underlines an unknown pace at its exact range, with its code on hover', async () => {
    await typeScript(`${header}[PACE: fastt]\nChips.\n[END_BEAT]\n`);
    const range = page.locator('.cm-lintRange-error.els-code-pace-unknown');
    await range.waitFor();
    expect(await range.textContent()).toBe('fastt');
    await page.locator('.cm-gutter-lint .cm-lint-marker-error').waitFor();
    await range.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await tooltip.waitFor();
    expect(await tooltip.locator('.cm-diagnosticSource').textContent()).toBe('pace/unknown');
    await page.screenshot({ path: join(outputDir, 'editor-lint.png') });
  });

  it('offers the six studio characters after [CHARACTER:, and accepting one gives a valid script', async () => {
    await typeScript(`${header}Chips.\n`);
    await page.keyboard.type('[CHAR');
    const options = page.locator('.cm-tooltip-autocomplete li');
    // Accepted by a click: CodeMirror ignores Enter for a moment after the list opens.
    await options.filter({ hasText: 'CHARACTER' }).first().click();
    // Inside `[CHARACTER: ]` now: ask for the values (a request right after accepting is dropped).
    const labels = page.locator('.cm-tooltip-autocomplete .cm-completionLabel');
    await expect
      .poll(async () => {
        await page.keyboard.press('Control+Space');
        return (await labels.allTextContents()).sort();
      })
      .toEqual(['boomer', 'chad', 'every-coon', 'fed', 'whale', 'wojak']);
    await page.keyboard.type('boo');
    await accept('boomer', '[CHARACTER: boomer]');
    await page.keyboard.press('End');
    await page.keyboard.insertText('\nBack in my day.\n[END_BEAT]\n');
    expect(await editorText()).toContain('[CHARACTER: boomer]\nBack in my day.');
    await status().filter({ hasText: 'Valid' }).waitFor();
  });

  it('completes a whole beat numbered after the last one', async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.type('[');
    await accept('BEAT 02_', '[BEAT: 02_beat]');
    await page.keyboard.press('Escape');
    expect(await editorText()).toContain(
      '[BEAT: 02_beat]\nname: Name\n---\nText to say.\n[END_BEAT]',
    );
    await status().filter({ hasText: 'Valid — 2 beats' }).waitFor();
  });

  it('tells a pause its milliseconds and a character its voice profile on hover', async () => {
    await typeScript(`${header}[CHARACTER: boomer]\nChips.\n[PAUSE: long]\n[END_BEAT]\n`);
    const tooltip = page.locator('.els-hover');
    await restOn(page.locator('.els-pause'));
    expect(await tooltip.textContent()).toBe('Pause: 600 ms');
    await restOn(
      page.locator('.cm-line', { hasText: '[CHARACTER: boomer]' }).locator('.els-value'),
    );
    await tooltip.filter({ hasText: /^boomer — / }).waitFor();
  });

  it('formats the script, which stays valid, the cursor on its line', async () => {
    await typeScript(
      `${header}[PACE: fast]\n   Bag   look *same*.\n\n\n[PAUSE: 300ms]\n[END_BEAT]\n`,
    );
    await status().filter({ hasText: 'Valid' }).waitFor();
    await page.locator('.cm-line', { hasText: 'Bag look' }).click();
    await page.getByRole('button', { name: 'Format' }).click();
    await page.locator('.cm-line', { hasText: /^Bag look \*same\*\.$/ }).waitFor();
    expect(await editorText()).not.toContain('\n\n\n');
    await status().filter({ hasText: 'Valid' }).waitFor();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('Bag look *same*.');
  });

  it('jumps to a beat from the outline, folds it, searches and undoes', async () => {
    await typeScript(
      `${header}One.\n[END_BEAT]\n\n[BEAT: 02_two]\nname: Two\n---\nTwo.\n[END_BEAT]\n`,
    );
    const beat = page.locator('nav[aria-label="Beats"] button[data-beat="02_two"]');
    await beat.click();
    expect(await page.locator('.cm-activeLine').textContent()).toBe('[BEAT: 02_two]');
    await page.locator('.cm-foldGutter span[title="Fold line"]').nth(1).click();
    await page.locator('.cm-foldPlaceholder').waitFor();
    expect(await editorText()).not.toContain('Two.');
    await page.locator('.cm-foldPlaceholder').click();
    expect(await editorText()).toContain('Two.');
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search input[name="search"]').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('oops');
    await page.keyboard.press('Control+z');
    expect(await editorText()).not.toContain('oops');
  });

  it('replaces the script with an uploaded or dropped file (its text not inserted twice)', async () => {
    const uploaded = `${header}Uploaded.\n[END_BEAT]\n`;
    await page.getByLabel('Upload a script file').setInputFiles({
      name: 'upload.els',
      mimeType: 'text/plain',
      buffer: Buffer.from(uploaded),
    });
    await page.locator('.cm-line', { hasText: 'Uploaded.' }).waitFor();
    expect(await editorText()).toBe(uploaded.trimEnd() + '\n');
    const dropped = `${header}Dropped.\n[END_BEAT]\n`;
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'drop.els', { type: 'text/plain' }));
      return transfer;
    }, dropped);
    await page.dispatchEvent('.cm-content', 'drop', { dataTransfer });
    await page.locator('.cm-line', { hasText: 'Dropped.' }).waitFor();
    expect(await editorText()).toBe(dropped.trimEnd() + '\n');
    await status().filter({ hasText: 'Valid' }).waitFor();
  });

  it('works narrow, and nothing broke the Content-Security-Policy', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    await editor().waitFor();
    const box = await page.locator('.cm-editor').boundingBox();
    expect(box && box.width).toBeGreaterThan(300);
    await page.screenshot({ path: join(outputDir, 'editor-narrow.png') });
    expect(cspViolations).toEqual([]);
  });
});
