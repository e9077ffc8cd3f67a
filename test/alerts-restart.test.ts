/**
 * Alerts and the audit log outlive the server: raise and acknowledge an alert, stop everything, start
 * again on the same embedded database: the alert engine has it back (restored from the store), GET
 * /api/alerts shows it and GET /api/audit the acknowledgement. Alert ids never repeat.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testAuth, KEYS } from '../twin-api/test-app.test-helper.ts';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import { loadAlertsForRestore } from '../twin-api/store/alert-restore.ts';

const root = await mkdtemp(join(tmpdir(), 'twin-restart-'));

/** The server as `npm start` builds it, on an embedded database in the same folder each time; the clock is not started. */
function startServer() {
  return createTwinServices({
    auth: testAuth(),
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    store: { kind: 'pglite', dataDir: join(root, 'history') },
    mqtt: null,
    models: { dir: join(root, 'models'), bootstrap: false, retrainOnDrift: false },
    viewerDist: null,
  });
}

describe('alerts and the audit log across a restart (PGlite on disk)', () => {
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('GET /api/alerts shows an acknowledged alert after a restart, GET /api/audit its acknowledgement; ids never repeat', async () => {
    const first = await startServer();
    first.alerts.reportAnomaly('pump_003', 0.9, 0.5, ['pump_003.vibration_rms_mm_s'], first.engine.isoAt());
    const raised = first.alerts.list({ states: ['active'] }).find((a) => a.asset === 'pump_003')!;
    expect(raised.id).toMatch(/^ALT-\d{6}-000001$/);
    const ack = await first.app.inject({ method: 'POST', url: `/api/alerts/${raised.id}/acknowledge`, headers: { 'x-api-key': KEYS.operator } });
    expect(ack.statusCode, ack.body).toBe(200);
    const acked = ack.json().data;
    await first.stop();

    const second = await startServer();
    try {
      // The alert engine has it back as it was, so it clears or escalates as if there had been no restart.
      expect(second.alerts.list()).toEqual([acked]);
      const list = await second.app.inject({ method: 'GET', url: '/api/alerts', headers: { 'x-api-key': KEYS.viewer } });
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().data).toEqual([acked]);
      expect(acked).toMatchObject({ id: raised.id, state: 'acknowledged', acknowledgedBy: expect.any(String), asset: 'pump_003' });
      const filtered = await second.app.inject({ method: 'GET', url: '/api/alerts?state=acknowledged&severity=HIGH,CRITICAL,MEDIUM,LOW', headers: { 'x-api-key': KEYS.viewer } });
      expect(filtered.json().data.map((a: { id: string }) => a.id)).toEqual([raised.id]);
      expect((await second.app.inject({ method: 'GET', url: '/api/alerts?state=cleared', headers: { 'x-api-key': KEYS.viewer } })).json().data).toEqual([]);
      // What the lead wires into the alert engine's restore: the open alert as it was.
      expect(await loadAlertsForRestore(second.store)).toEqual([acked]);

      // A new alert of the restarted server gets a new id, not the first one again.
      second.alerts.reportAnomaly('pump_001', 0.95, 0.5, ['pump_001.vibration_rms_mm_s'], second.engine.isoAt());
      const again = second.alerts.list({ states: ['active'] }).find((a) => a.asset === 'pump_001')!;
      expect(again.id).not.toBe(raised.id);
      expect(again.id.slice(0, 11)).not.toBe(raised.id.slice(0, 11));

      const audit = await second.app.inject({ method: 'GET', url: '/api/audit?limit=10', headers: { 'x-api-key': KEYS.admin } });
      expect(audit.statusCode, audit.body).toBe(200);
      expect(audit.json().data).toMatchObject({ total: 1, nextCursor: null, entries: [{ action: 'POST /api/alerts/:id/acknowledge', role: 'operator', origin: null }] });
    } finally {
      await second.stop();
    }
  }, 120_000);
});
