import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

/** Saves a full-page screenshot under test/e2e/screenshots/ (gitignored). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

// Runs in the page (the root tsconfig has no DOM types, so the page side is plain JS): decodes the
// PNG with a 2D canvas rather than in Node, so no PNG decoder dependency is needed.
const PIXEL_STATS_JS = `async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.width; c.height = img.height;
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const colours = new Set();
  let sum = 0, sumSq = 0, n = 0;
  for (let i = 0; i < d.length; i += 4 * 97) {
    colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
    sum += y; sumSq += y * y; n++;
  }
  const mean = sum / n;
  return { distinctColours: colours.size, lumaStd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}`;

/** Pixel statistics of an element's screenshot: distinct colours (of a sample) and the luminance spread. */
export async function pixelStats(page: Page, selector: string): Promise<{ distinctColours: number; lumaStd: number }> {
  const png = await page.locator(selector).first().screenshot();
  return (await page.evaluate(`(${PIXEL_STATS_JS})(${JSON.stringify(png.toString('base64'))})`)) as { distinctColours: number; lumaStd: number };
}

/** Polls `read` until `ok` accepts its value; fails naming `what` and the last value. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The text of the element with this data-testid ('' when absent). */
export async function testIdText(page: Page, id: string): Promise<string> {
  const l = page.locator(`[data-testid="${id}"]`);
  return (await l.count()) ? ((await l.first().textContent()) ?? '') : '';
}

/** Collects console errors and page errors from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // The console says only "Failed to load resource: 404": the test log names what failed.
  page.on('response', (r) => {
    if (r.status() >= 400) console.warn(`[e2e] response ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return errors;
}
