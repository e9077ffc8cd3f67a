import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertView } from '../../protocol/alerts.ts';
import { sequentialAlertIds as alertIdsAfter } from '../../monitor/alerts/alert-engine.ts';
import { loadAlertsForRestore, toAlertView } from './alert-restore.ts';
import type { AlertStore } from './alert-store.ts';
import { DAY_MS, T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

/** An alert as the engine shows it, opened at `openedAtMs`. */
export const alertView = (id: string, openedAtMs: number, over: Partial<AlertView> = {}): AlertView => ({
  id, rule: 'threshold', severity: 'HIGH', state: 'active', asset: 'furnace_1', sensor: 'furnace_1.zone4_temp', parameter: 'zone4_temp',
  openedAt: new Date(openedAtMs).toISOString(), lastAt: new Date(openedAtMs).toISOString(), clearedAt: null, value: 1562.5, threshold: 1550,
  unit: '°C', direction: 'above', message: 'Zone 4 über Grenzwert — 1562.5 °C ≥ 1550 °C 🔥', recommendedAction: 'Check the burner',
  reopenCount: 0, contributors: [], acknowledgedBy: null, acknowledgedAt: null, dismissedBy: null, dismissedAt: null, justification: null,
  ...over,
});

/** What the alert feed stores when the engine opens `v`. */
const inputOf = (v: AlertView) => ({
  id: v.id, rule: v.rule, severity: v.severity, asset: v.asset, sensor: v.sensor, openedAtMs: Date.parse(v.openedAt),
  lastAtMs: Date.parse(v.lastAt), value: v.value, message: v.message, state: v.state, view: v,
});

/** The behaviour every `AlertStore` adapter must show; `open` must open the same database each time. */
export function describeAlertStoreContract(label: string, open: OpenStore<AlertStore>): void {
  describe(`AlertStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: AlertStore;
    beforeEach(() => {
      store = s.current();
    });

    it('keeps alerts through their life: open, acknowledge, dismiss, with filters', async () => {
      const base = { rule: 'temp-high', asset: 'furnace-1', sensor: 'F1-T', value: 1520, message: 'too hot' } as const;
      const a = await store.insertAlert({ ...base, severity: 'CRITICAL', openedAtMs: T0, lastAtMs: T0 });
      const b = await store.insertAlert({ ...base, id: 'alert-b', severity: 'LOW', openedAtMs: T0 + 1000, lastAtMs: T0 + 1000, sensor: null, value: null });
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(a).toMatchObject({ ...base, severity: 'CRITICAL', state: 'active', openedAtMs: T0, acknowledgedBy: null, acknowledgedAtMs: null });
      expect(b).toMatchObject({ id: 'alert-b', sensor: null, value: null });
      expect(await store.getAlert(a.id)).toEqual(a);

      const acked = await store.updateAlert(a.id, { state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAtMs: T0 + 5000, lastAtMs: T0 + 4000, value: 1530 });
      expect(acked).toEqual({ ...a, state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAtMs: T0 + 5000, lastAtMs: T0 + 4000, value: 1530 });
      const dismissed = await store.updateAlert('alert-b', { state: 'dismissed', dismissedBy: 'bo', justification: 'sensor on the bench' });
      expect(dismissed).toMatchObject({ state: 'dismissed', dismissedBy: 'bo', justification: 'sensor on the bench', message: 'too hot' });
      expect(await store.updateAlert('no-such-alert', { state: 'cleared' })).toBeNull();
      expect(await store.getAlert('no-such-alert')).toBeNull();

      const ids = async (q: Parameters<typeof store.listAlerts>[0]) => (await store.listAlerts(q)).map((x) => x.id);
      expect(await ids({})).toEqual(['alert-b', a.id]);
      expect(await ids({ severities: ['CRITICAL', 'HIGH'] })).toEqual([a.id]);
      expect(await ids({ states: ['dismissed'] })).toEqual(['alert-b']);
      expect(await ids({ acknowledged: true })).toEqual([a.id]);
      expect(await ids({ acknowledged: false })).toEqual(['alert-b']);
      expect(await ids({ fromMs: T0 + 1, toMs: T0 + 2000 })).toEqual(['alert-b']);
      expect(await ids({ limit: 1 })).toEqual(['alert-b']);
      await expect(store.insertAlert({ ...base, severity: 'URGENT' as 'LOW', openedAtMs: T0, lastAtMs: T0 })).rejects.toThrow();
    });

    it("keeps the engine's whole view of an alert, unicode included, and the latest one after an update", async () => {
      const v = alertView('ALT-view-000001', T0 + DAY_MS);
      const stored = await store.insertAlert(inputOf(v));
      expect(stored.view).toEqual(v);
      expect(toAlertView(stored)).toEqual(v);
      const acked = { ...v, state: 'acknowledged', acknowledgedBy: 'Zoë', acknowledgedAt: new Date(T0 + DAY_MS + 5000).toISOString(), contributors: ['ä', 'b'] } as const;
      await store.updateAlert(v.id, { state: 'acknowledged', acknowledgedBy: 'Zoë', acknowledgedAtMs: T0 + DAY_MS + 5000, view: acked });
      expect(toAlertView((await store.getAlert(v.id))!)).toEqual(acked);
      // A patch without a view keeps the stored one, its columns winning where they are newer.
      await store.updateAlert(v.id, { state: 'dismissed', dismissedBy: 'bo', justification: 'Fühler getauscht' });
      expect(toAlertView((await store.getAlert(v.id))!)).toEqual({ ...acked, state: 'dismissed', dismissedBy: 'bo', justification: 'Fühler getauscht' });
    });

    it('shows an alert stored without a view from its columns', async () => {
      const a = await store.insertAlert({ id: 'ALT-bare', rule: 'anomaly', severity: 'MEDIUM', asset: 'pump_1', sensor: null, openedAtMs: T0 + DAY_MS + 1, lastAtMs: T0 + DAY_MS + 2, value: 0.9, message: 'odd' });
      expect(toAlertView(a)).toMatchObject({ id: 'ALT-bare', rule: 'anomaly', severity: 'MEDIUM', state: 'active', openedAt: new Date(T0 + DAY_MS + 1).toISOString(), lastAt: new Date(T0 + DAY_MS + 2).toISOString(), contributors: [], reopenCount: 0 });
    });

    it('hands out alert id prefixes that never repeat, formatted like ALT-000001-', async () => {
      const prefixes = [await store.nextAlertIdPrefix(), await store.nextAlertIdPrefix(), await store.nextAlertIdPrefix()];
      for (const p of prefixes) expect(p).toMatch(/^ALT-\d{6,}-$/);
      expect(new Set(prefixes).size).toBe(3);
      const next = alertIdsAfter(prefixes[0]!);
      expect([next(), next()]).toEqual([`${prefixes[0]}000001`, `${prefixes[0]}000002`]);
    });

    it('keeps alerts and their id sequence across a close and reopen: what a restarted server restores', async () => {
      const day = T0 + 5 * DAY_MS;
      const prefix = await store.nextAlertIdPrefix();
      const id = alertIdsAfter(prefix);
      const open = alertView(id(), day, { state: 'active' });
      const acked = alertView(id(), day + 1000, { state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAt: new Date(day + 2000).toISOString() });
      const cleared = Array.from({ length: 4 }, (_, i) => alertView(id(), day + 10_000 + i, { state: 'cleared', clearedAt: new Date(day + 20_000).toISOString() }));
      for (const v of [open, acked, ...cleared]) await store.insertAlert(inputOf(v));

      const again = await s.reopen();
      expect(toAlertView((await again.getAlert(acked.id))!)).toEqual(acked);
      const restored = await loadAlertsForRestore(again, { closedLimit: 2 });
      // Every open alert of the database (earlier tests left some), the newest closed ones, oldest first.
      expect(restored.filter((v) => v.id.startsWith(prefix))).toEqual([open, acked, cleared[2], cleared[3]]);
      expect(restored.filter((v) => v.state === 'cleared' || v.state === 'dismissed')).toHaveLength(2);
      expect(restored.map((v) => Date.parse(v.openedAt))).toEqual(restored.map((v) => Date.parse(v.openedAt)).sort((a, b) => a - b));
      const after = await again.nextAlertIdPrefix();
      expect(Number(after.slice(4, -1))).toBeGreaterThan(Number(prefix.slice(4, -1)));
    });
  });
}
