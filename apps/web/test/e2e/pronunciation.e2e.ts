/**
 * Pronunciation in a real browser against the real studio (local voice): "Check words" lists a
 * script's uncommon word with a preview and a one-click add, the Pronunciation page shows and
 * removes the entry, and the session page shows its credits panel with a budget.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, replaceScript, startStudio, type Studio } from './studio.js';

const source = `[META]
video_title: Lexicon walk
project: zorb-project
default_character: every-coon

[BEAT: 01_hook]
name: Hook
---
The Zorblax ate the chips.
[END_BEAT]
`;

let studio: Studio;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  studio = await startStudio();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (error) => errors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await studio?.stop();
});

describe('pronunciation', () => {
  it('checks words, previews one and adds it to the project lexicon', async () => {
    await page.goto(`${studio.url}/new`);
    await replaceScript(page, source);
    await page.getByTestId('validation-status').filter({ hasText: 'Valid' }).waitFor();
    await page.getByRole('button', { name: 'Check words' }).click();
    const words = page.getByTestId('uncommon-words');
    await words.getByText('Zorblax').waitFor();
    expect(await words.locator('li').count()).toBe(1);

    // The preview voices the word as it would be said (the alias field starts as the word).
    const previewed = page.waitForResponse((r) => r.url().includes('voices.preview') && r.ok());
    await page.getByRole('button', { name: 'Preview Zorblax' }).click();
    await previewed;

    await page.getByRole('textbox', { name: 'Say Zorblax as' }).fill('zor blacks');
    await page.getByRole('button', { name: 'Add to lexicon' }).click();
    await words.getByText('Zorblax').waitFor({ state: 'detached' });
  });

  it('shows and removes the entry on the Pronunciation page', async () => {
    await page.getByRole('link', { name: 'Pronunciation' }).click();
    await page.waitForURL(/\/pronunciation$/);
    await page.getByLabel('Project').fill('zorb-project');
    const table = page.getByTestId('lexicon-entries');
    await table.getByText('“zor blacks”').waitFor();
    await page.getByRole('button', { name: 'Remove Zorblax' }).click();
    await table.waitFor({ state: 'detached' });
  });

  it('shows a session’s credits and keeps a budget', async () => {
    await page.goto(`${studio.url}/new`);
    await replaceScript(page, source);
    await page.getByTestId('validation-status').filter({ hasText: 'Valid' }).waitFor();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('credits-spent').textContent()).toBe('0');
    await page.getByTestId('budget-input').fill('250');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await page.reload();
    await page.getByTestId('credits-panel').waitFor();
    expect(await page.getByTestId('budget-input').inputValue()).toBe('250');
    expect(errors).toEqual([]);
  });
});
