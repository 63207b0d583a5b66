import { chromium } from 'playwright-core';
const [url, out, w, h] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({
  viewport: { width: Number(w ?? 1280), height: Number(h ?? 800) },
});
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url!);
await page.waitForTimeout(1500);
if (process.env.TYPE) {
  await page
    .getByRole('textbox', { name: 'ELS script' })
    .fill(process.env.TYPE.replace(/\\n/g, '\n'));
  await page.waitForTimeout(300);
}
await page.screenshot({ path: out!, fullPage: false });
await browser.close();
