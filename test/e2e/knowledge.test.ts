import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserMissing, launchChromium } from './browser.ts';
import { collectErrors, shot, until } from './page-checks.ts';
import { ensureViewerBuilt, startTwinServer, type TwinServer } from './twin-server.ts';

// End-to-end: an operator investigates a furnace alert of the library's crack storm, and the
// root-cause card puts it down to Line_A's melt temperature with its evidence and what to do. The
// twin starts 5 h in (silently), then runs at 120x with its history kept, so by the first alert
// (about 8.5 h) there are hours of history to analyse; the order is in simulated time.
const missing = browserMissing();
if (missing) console.warn(`[e2e] SKIPPED: ${missing}`);

describe.skipIf(missing !== null)('root causes in the viewer', () => {
  let server: TwinServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];
  let alertId: string;
  const alertItem = () => page.locator(`[data-testid="alert-item"][data-alert-id="${alertId}"]`);

  beforeAll(async () => {
    await ensureViewerBuilt();
    [server, browser] = await Promise.all([startTwinServer({ TWIN_SCENARIO: 'furnace-overheat-crack-storm', TWIN_WARM_UP: '5h', TWIN_SPEED: '120', TWIN_OPTIMIZER: '0' }), launchChromium()]);
    page = await browser.context.newPage();
    page.setDefaultTimeout(90_000);
    errors = collectErrors(page);
    await page.goto(`${server.url}/#/overview`);
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 90_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('investigates a furnace zone alert: the melt temperature is the top cause, with its evidence and the interventions', async () => {
    const item = page.locator('[data-testid="alert-list-active"] [data-testid="alert-item"]', { hasText: /Line_A furnace zone\d+_temp/ }).first();
    // 3.5 simulated hours: under two minutes at 120x when the machine keeps up, much longer when it does not.
    await item.waitFor({ timeout: 420_000 });
    alertId = (await item.getAttribute('data-alert-id'))!;
    await alertItem().locator('[data-testid="alert-root-cause"]').click();
    const top = alertItem().locator('[data-testid="rca-cause"][data-rank="1"]');
    await top.waitFor({ timeout: 30_000 });
    expect(await top.getAttribute('data-cause-id')).toBe('variable:Line_A.furnace_temp');
    expect(await top.locator('[data-testid="rca-cause-label"]').innerText()).toBe('Line_A melt temperature');
    expect(Number((await top.locator('[data-testid="rca-confidence"]').innerText()).replace(' %', ''))).toBeGreaterThanOrEqual(50);
    expect(await top.locator('[data-testid="rca-evidence"]').innerText()).toMatch(/^\d[\d.,]* σ from \d\d:\d\d · \d+ sensors/);
    expect((await alertItem().locator('[data-testid="rca-diagnosis"]').innerText()).length).toBeGreaterThan(20);
    // The other candidates: the instrument itself, and "no cause", less likely.
    expect(await alertItem().locator('[data-testid="rca-cause"]').count()).toBeGreaterThanOrEqual(2);
    // A hot furnace: lower it (for the cracks), never raise it.
    const interventions = await top.locator('[data-testid="rca-intervention"]').allInnerTexts();
    expect(interventions.some((t) => t.startsWith('lower the furnace temperature'))).toBe(true);
    expect(interventions.some((t) => t.startsWith('raise'))).toBe(false);
    await shot(page, 'root-cause-card');
  }, 600_000);

  it('tries the intervention in the what-if view, prefilled with the lower furnace temperature', async () => {
    const tryIt = alertItem().locator('[data-testid="rca-cause"][data-rank="1"] [data-testid="rca-intervention"]', { hasText: 'lower the furnace temperature' }).locator('[data-testid="rca-try"]');
    await tryIt.click();
    await page.locator('[data-testid="what-if"]').waitFor();
    const slider = page.locator('[data-testid="whatif-slider-Line_A.furnace_temp"]');
    await slider.waitFor();
    await until(async () => Number(await slider.inputValue()), (v) => v < 1500, 'the furnace slider below its 1,500 °C target', 15_000);
    expect(await page.locator('[data-testid="whatif-run"]').isEnabled()).toBe(true);
    await shot(page, 'root-cause-what-if');
    expect(errors).toEqual([]);
  }, 120_000);
});
