import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserMissing, launchChromium } from './browser.ts';
import { shot, testIdText, until } from './page-checks.ts';
import { ensureViewerBuilt, startTwinServer, type TwinServer } from './twin-server.ts';

const KEY = 'e2e-admin-key-0123456789';
const missing = browserMissing();
if (missing) console.warn(`[e2e] SKIPPED: ${missing}`);

describe.skipIf(missing !== null)('viewer against a twin that requires an API key', () => {
  let server: TwinServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    await ensureViewerBuilt();
    [server, browser] = await Promise.all([startTwinServer({ TWIN_SPEED: '60', TWIN_API_KEYS: `${KEY}:admin:e2e` }), launchChromium()]);
    page = await browser.context.newPage();
    await page.goto(server.url);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('asks for a key when the server answers 401', async () => {
    await page.locator('[data-testid="api-key-dialog"]').waitFor({ timeout: 15_000 });
    await shot(page, 'api-key-prompt');
  });

  it('with the key entered, loads the plant over REST and keeps the key for the next visit', async () => {
    await page.locator('[data-testid="api-key-dialog"] [data-testid="api-key-input"]').fill(KEY);
    await page.locator('[data-testid="api-key-dialog"] button[type="submit"]').click();
    await page.locator('[data-testid="api-key-dialog"]').waitFor({ state: 'detached', timeout: 10_000 });
    const kpisShown = () => until(() => testIdText(page, 'kpi-defects-value'), (t) => t !== '' && t !== '—', 'the KPIs', 20_000);
    await kpisShown();
    expect(await page.evaluate('localStorage.getItem("twinworks.apiKey")')).toBe(KEY);
    await page.reload();
    await kpisShown();
    expect(await page.locator('[data-testid="api-key-dialog"]').count()).toBe(0);
  });

  it('authenticates the live WebSocket with the stored key (Sec-WebSocket-Protocol "twin-key.<base64url>")', async () => {
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 20_000 });
  });
});
