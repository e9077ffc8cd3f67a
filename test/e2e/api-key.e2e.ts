import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserMissing, launchChromium } from './browser.ts';
import { shot, testIdText, until } from './page-checks.ts';
import { ensureViewerBuilt, startTwinServer, type TwinServer } from './twin-server.ts';

const KEY = 'e2e-admin-key-0123456789';
const OPERATOR_KEY = 'e2e-operator-key-0123456789';
const TRAINER_KEY = 'e2e-trainer-key-0123456789';
const missing = browserMissing();
if (missing) console.warn(`[e2e] SKIPPED: ${missing}`);

describe.skipIf(missing !== null)('viewer against a twin that requires an API key', () => {
  let server: TwinServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    await ensureViewerBuilt();
    [server, browser] = await Promise.all([startTwinServer({ TWIN_SPEED: '60', TWIN_API_KEYS: `${KEY}:admin:e2e,${OPERATOR_KEY}:operator:olga,${TRAINER_KEY}:trainer:tom` }), launchChromium()]);
    page = await browser.context.newPage();
    // On a loaded 2-core machine the viewer (software WebGL) re-renders slowly: actions may wait longer than playwright's 30 s.
    page.setDefaultTimeout(90_000);
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

  /** Uses another key from now on, as a user entering theirs in Settings would. */
  async function signInAs(key: string): Promise<void> {
    await page.evaluate(`localStorage.setItem("twinworks.apiKey", ${JSON.stringify(key)})`);
    await page.reload();
    // A reload loads the viewer's modules and the plant again: on a loaded 2-core machine that has taken over 20 s.
    await page.locator('[data-testid="connection"][data-status="live"]').waitFor({ timeout: 60_000 });
  }

  async function openSetpoint(id: string) {
    await page.locator('[data-testid="nav-asset"]').click();
    await page.locator('[data-testid="asset-select"] option[value="Line_A"]').waitFor({ state: 'attached', timeout: 90_000 });
    await page.locator('[data-testid="asset-select"]').selectOption('Line_A');
    const row = page.locator(`[data-testid="setpoint-${id}"]`);
    await row.waitFor({ timeout: 10_000 });
    return row;
  }

  it('an operator changes a setpoint within its bounds, confirms, and sees the new target while the actual value follows', async () => {
    await signInAs(OPERATOR_KEY);
    const row = await openSetpoint('Line_A.furnace_temp');
    await row.locator('[data-testid="setpoint-input"]').fill('1800');
    expect(await row.locator('[data-testid="setpoint-change"]').isDisabled()).toBe(true);
    await row.locator('[data-testid="setpoint-input"]').fill('1400');
    await row.locator('[data-testid="setpoint-change"]').click();
    await row.locator('[data-testid="setpoint-confirm"]').waitFor();
    await row.locator('[data-testid="setpoint-confirm-send"]').click();
    await row.locator('[data-testid="setpoint-result"]').waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-testid="setpoint-result"]').textContent()).toMatch(/Target set to 1400/);
    // The poll shows the server's view: the target is the new value, the actual one is still on its way.
    await until(() => row.locator('[data-testid="setpoint-target"]').textContent(), (t) => t === '1400', 'the new target from the server', 10_000);
    const actual = Number(await row.locator('[data-testid="setpoint-actual"]').textContent());
    expect(actual).toBeGreaterThan(1400);
    await shot(page, 'setpoint-changed');
  }, 240_000);

  it('a trainer may not steer the live plant: the refusal names the role needed', async () => {
    await signInAs(TRAINER_KEY);
    const row = await openSetpoint('Line_A.belt_speed');
    await row.locator('[data-testid="setpoint-input"]').fill('140');
    await row.locator('[data-testid="setpoint-change"]').click();
    await row.locator('[data-testid="setpoint-confirm-send"]').click();
    await until(() => testIdText(page, 'setpoint-result'), (t) => t !== '', 'the refusal', 10_000);
    expect(await testIdText(page, 'setpoint-result')).toMatch(/operator or engineer role/);
  }, 240_000);

  it('a trainer saves the followed session as a recording, which then appears in the recordings list', async () => {
    await page.locator('[data-testid="nav-replay"]').click();
    await page.locator('[data-testid="replay-pick"] option[value="scenario:furnace-overheat-crack-storm"]').waitFor({ state: 'attached', timeout: 90_000 });
    await page.locator('[data-testid="replay-pick"]').selectOption('scenario:furnace-overheat-crack-storm');
    await page.locator('[data-testid="replay-load"]').click();
    const controls = page.locator('[data-testid="replay-controls"]');
    await controls.waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="replay-step"]').click();
    await until(async () => Number(await controls.getAttribute('data-ts')), (t) => t >= 60, 'one step', 15_000);
    await page.locator('[data-testid="recording-name"]').fill('e2e crack storm drill');
    await page.locator('[data-testid="recording-save"]').click();
    await until(() => testIdText(page, 'recording-result'), (t) => t !== '', 'the save result', 15_000);
    const result = await testIdText(page, 'recording-result');
    expect(result).toMatch(/Saved "e2e crack storm drill" \(#\d+\)/);
    const id = /#(\d+)/.exec(result)![1]!;
    await page.locator('[data-testid="recording-item"]', { hasText: `#${id} e2e crack storm drill` }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="replay-pick"] option', { hasText: 'e2e crack storm drill' }).count()).toBeGreaterThanOrEqual(1);
    await shot(page, 'recording-saved');
  }, 240_000);
});
