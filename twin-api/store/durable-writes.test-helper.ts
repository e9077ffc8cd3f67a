import { expect } from 'vitest';
import type { AlertView } from '../../protocol/alerts.ts';
import { AlertWriter } from './alert-writer.ts';
import { AuditWriter } from './audit-writer.ts';
import type { HistoryStore } from './history-store.ts';
import { T0 } from './contract-support.test-helper.ts';

/** An outage of the database: `begin` resolves once it is down, `end` once it is back. */
export interface Outage {
  begin(): Promise<void>;
  end(): Promise<void>;
}

const alertView = (id: string, over: Partial<AlertView> = {}): AlertView => ({
  id, rule: 'threshold', severity: 'MEDIUM', state: 'active', asset: 'furnace', sensor: 'furnace.zone4_temp', parameter: 'zone4_temp',
  openedAt: new Date(T0).toISOString(), lastAt: new Date(T0).toISOString(), clearedAt: null, value: 1500, threshold: 1490, unit: '°C',
  direction: 'above', message: 'zone 4 hot', recommendedAction: 'check burners', reopenCount: 0, contributors: [],
  acknowledgedBy: null, acknowledgedAt: null, dismissedBy: null, dismissedAt: null, justification: null, ...over,
});

/**
 * What the API acknowledges during an outage must be in the store afterwards: the audit entry of a
 * setpoint change (with a NUL in its reason, which PostgreSQL refuses as such) and four alert updates
 * (escalate, acknowledge an existing alert; open and acknowledge a new one). `writes` is the store the
 * writers write to (may be a flaky view of `store`).
 */
export async function expectAuditAndAlertsKeptAcrossOutage(store: HistoryStore, writes: HistoryStore, outage: Outage): Promise<void> {
  const tag = Math.random().toString(36).slice(2);
  const fast = { initialRetryDelayMs: 20, maxRetryDelayMs: 200 };
  const audit = new AuditWriter(writes, fast);
  const alerts = new AlertWriter(writes, fast);
  const a = alertView(`ALT-${tag}-1`);
  expect(await alerts.write(a)).toBe('stored');

  await outage.begin();
  // Each call returns as the API would answer: the entry is stored or queued for retry, never refused.
  await audit.appendAudit({ atMs: T0 + 1, actor: 'ana', role: 'operator', action: 'plant.setpoint', target: `lehr.speed-${tag}`, origin: 'operator', detail: { previous: 3, next: 4, reason: 'bad\0reason' } });
  const escalated: AlertView = { ...a, severity: 'HIGH', lastAt: new Date(T0 + 2).toISOString(), value: 1510 };
  const outcomes = [
    await alerts.write(escalated),
    await alerts.write({ ...escalated, state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAt: new Date(T0 + 3).toISOString() }),
    await alerts.write(alertView(`ALT-${tag}-2`, { openedAt: new Date(T0 + 4).toISOString(), lastAt: new Date(T0 + 4).toISOString() })),
    await alerts.write(alertView(`ALT-${tag}-2`, { openedAt: new Date(T0 + 4).toISOString(), state: 'acknowledged', acknowledgedBy: 'bo', acknowledgedAt: new Date(T0 + 5).toISOString() })),
  ];
  expect(outcomes).toContain('queued');
  await outage.end();
  await Promise.all([audit.flush(), alerts.flush()]);

  expect(audit.metrics()).toMatchObject({ buffered: 0, written: 1, refused: 0 });
  expect(audit.metrics().writeFailures + alerts.metrics().writeFailures).toBeGreaterThan(0);
  const entries = (await store.listAudit({ actor: 'ana', action: 'plant.setpoint', limit: 10 })).entries.filter((e) => e.target === `lehr.speed-${tag}`);
  expect(entries).toHaveLength(1);
  expect(entries[0]!.detail).toEqual({ previous: 3, next: 4, reason: 'bad\\u0000reason' });
  expect(await store.getAlert(a.id)).toMatchObject({ severity: 'HIGH', state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAtMs: T0 + 3, value: 1510 });
  expect(await store.getAlert(`ALT-${tag}-2`)).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'bo', openedAtMs: T0 + 4 });
}

/** `store` with every call failing while `down()` says so: an outage the test controls. */
export function flakyStore(store: HistoryStore, down: () => boolean): HistoryStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => (down() ? Promise.reject(new Error('database unavailable (simulated)')) : (v as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}
