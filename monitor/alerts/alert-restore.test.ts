import { describe, expect, it } from 'vitest';
import { AlertEngine, sequentialAlertIds } from './alert-engine.ts';
import type { AlertChange, AlertView } from './alert.ts';
import { feed, kinds, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';

const immediate = { hysteresis: { openSamples: 1 } };

/** The alerts a first server life leaves in the store: Line_A's zone4 over its warning limit, acknowledged. */
function storedByAnEarlierRun(): AlertView[] {
  const before = new AlertEngine({ sensors: SENSORS, startMs: START_MS, settings: immediate, nextId: sequentialAlertIds('ALT-run1-') });
  feed(before, 0, [1610, 1612]);
  before.acknowledge('ALT-run1-000001', 'ana');
  before.reportAnomaly('pump_003', 0.9, 0.5, ['pump_003.vibration_rms'], '2024-03-14T00:02:00Z');
  return before.list();
}

/** A fresh engine (the restarted server) with the stored alerts put back, and what it emits from then on. */
function restarted(stored: readonly AlertView[]) {
  let n = 0;
  const after = new AlertEngine({ sensors: SENSORS, startMs: START_MS, settings: immediate, nextId: () => `ALT-run2-${++n}` });
  after.restore(stored);
  const emitted: AlertChange[] = [];
  after.changes$.subscribe((c) => emitted.push(c));
  return { after, emitted };
}

describe('restoring stored alerts on start', () => {
  it('puts them back as they were, emitting nothing', () => {
    const stored = storedByAnEarlierRun();
    const { after, emitted } = restarted(stored);
    expect(after.list()).toEqual(stored);
    expect(after.open().map((a) => [a.id, a.state])).toEqual([
      ['ALT-run1-000001', 'acknowledged'],
      ['ALT-run1-000002', 'active'],
    ]);
    expect(emitted).toEqual([]);
  });

  it('an acknowledged open alert keeps its state and clears normally when its condition goes away', () => {
    const { after, emitted } = restarted(storedByAnEarlierRun());
    expect(kinds(feed(after, 0, [1611], 180))).toEqual([]); // still out of limits: the same alert, no new one
    expect(kinds(feed(after, 0, [1500, 1500, 1500], 240))).toEqual(['cleared']);
    expect(after.get('ALT-run1-000001')).toMatchObject({ state: 'cleared', acknowledgedBy: 'ana', clearedAt: '2024-03-14T00:06:00.000Z' });
    expect(after.list()).toHaveLength(2);
    expect(emitted.filter((c) => c.kind !== 'updated').map((c) => [c.kind, c.alert.id])).toEqual([['cleared', 'ALT-run1-000001']]);
  });

  it('a restored open alert escalates instead of a second alert opening', () => {
    const { after } = restarted(storedByAnEarlierRun());
    const changes = feed(after, 0, [1660], 180);
    expect(changes.filter((c) => c.kind !== 'updated').map((c) => [c.kind, c.alert.id, c.alert.state])).toEqual([['escalated', 'ALT-run1-000001', 'active']]);
  });

  it('a restored anomaly alert clears after the configured clean reports, and can be acknowledged', () => {
    const { after } = restarted(storedByAnEarlierRun());
    after.acknowledge('ALT-run1-000002', 'bo');
    const t = (m: number) => `2024-03-14T00:${String(m).padStart(2, '0')}:00Z`;
    const cleared = [3, 4, 5].flatMap((m) => after.reportAnomaly('pump_003', 0.1, 0.5, [], t(m)));
    expect(cleared.map((c) => [c.kind, c.alert.id])).toEqual([['cleared', 'ALT-run1-000002']]);
  });

  it('a restored cleared alert is re-opened by the same excursion within the cool-down; a later one gets a new id', () => {
    const stored = storedByAnEarlierRun();
    const { after } = restarted(stored);
    feed(after, 0, [1500, 1500, 1500], 180);
    expect(kinds(feed(after, 0, [1620], 480))).toEqual(['reopened']);
    expect(after.get('ALT-run1-000001')!.reopenCount).toBe(1);
    feed(after, 1, [1620], 480);
    expect(after.list().at(-1)!.id).toBe('ALT-run2-1');
  });

  it('refuses to restore an id twice', () => {
    const stored = storedByAnEarlierRun();
    const { after } = restarted(stored);
    expect(() => after.restore(stored.slice(0, 1))).toThrow(expect.objectContaining({ code: 'DUPLICATE_ID' }));
  });
});
