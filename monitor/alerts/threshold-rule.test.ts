import { describe, expect, it } from 'vitest';
import { AlertEngine } from './alert-engine.ts';
import { feed, kinds, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';

// The recommended action comes through the advice port (the knowledge graph in the product): echo what it is asked.
const advice = { forSensor: (c: { name: string }, d: string | null) => `advice for ${c.name} ${d}`, forAsset: () => null };
const engine = (settings?: unknown) => new AlertEngine({ sensors: SENSORS, startMs: START_MS, advice, ...(settings ? { settings } : {}) });
const immediate = { hysteresis: { openSamples: 1 } };

describe('threshold alerts', () => {
  it('one excursion raises one alert with a readable message and an action', () => {
    const a = engine(immediate);
    const changes = feed(a, 0, [1500, 1612.34, 1615, 1611, 1500, 1500, 1500]);
    expect(kinds(changes)).toEqual(['opened', 'cleared']);
    const opened = changes[0]!.alert;
    expect(opened).toMatchObject({
      id: 'ALT-000001',
      rule: 'threshold',
      severity: 'MEDIUM',
      asset: 'Line_A',
      sensor: 'Line_A.furnace.zone4_temp',
      parameter: 'zone4_temp',
      openedAt: '2024-03-14T00:01:00.000Z',
      value: 1612.34,
      threshold: 1600,
      direction: 'above',
      state: 'active',
      message: 'Line_A furnace zone4_temp 1612.3 °C above warning limit 1600 °C',
      recommendedAction: 'advice for zone4_temp above',
    });
    expect(changes.find((c) => c.kind === 'cleared')!.alert).toMatchObject({ id: 'ALT-000001', state: 'cleared', clearedAt: '2024-03-14T00:06:00.000Z', value: 1500 });
    expect(a.list()).toHaveLength(1);
  });

  it('escalation updates the same alert rather than opening another', () => {
    const a = engine(immediate);
    const changes = feed(a, 0, [1610, 1660, 1710, 1620]);
    expect(kinds(changes)).toEqual(['opened', 'escalated', 'escalated']);
    expect(new Set(changes.map((c) => c.alert.id))).toEqual(new Set(['ALT-000001']));
    expect(a.get('ALT-000001')).toMatchObject({
      severity: 'CRITICAL',
      threshold: 1700,
      value: 1620,
      message: 'Line_A furnace zone4_temp 1710 °C above critical limit 1700 °C',
    });
  });

  it('a low excursion names the low limit and asks for the low side\'s action', () => {
    const [opened] = feed(engine(immediate), 0, [1340]);
    expect(opened!.alert).toMatchObject({ severity: 'HIGH', direction: 'below', threshold: 1350 });
    expect(opened!.alert.recommendedAction).toBe('advice for zone4_temp below');
  });

  it('chatter around a limit keeps one alert open', () => {
    const a = engine(immediate);
    const chatter = Array.from({ length: 100 }, (_, i) => (i % 2 ? 1599 : 1601));
    expect(kinds(feed(a, 0, chatter))).toEqual(['opened']);
  });

  it('clears only after clearSamples consecutive samples inside the limit by the deadband', () => {
    // Deadband: 2 % of the 200 °C warning span = 4 °C, so clearing needs ≤ 1596 °C three times in a row.
    const a = engine(immediate);
    expect(kinds(feed(a, 0, [1610, 1598, 1597, 1599, 1590, 1590]))).toEqual(['opened']);
    expect(kinds(feed(a, 0, [1590], 360))).toEqual(['cleared']);
  });

  it('a single spike does not open an alert by default (openSamples 2)', () => {
    const a = engine();
    expect(feed(a, 2, [2, 12, 2, 2], 0, 1)).toEqual([]);
    expect(kinds(feed(a, 2, [12, 12], 10, 1))).toEqual(['opened']);
  });

  it('missing samples neither open nor clear', () => {
    const a = engine(immediate);
    expect(feed(a, 0, [NaN, NaN])).toEqual([]);
    feed(a, 0, [1620], 120);
    // NaN between clean samples neither counts nor resets the clear count.
    expect(kinds(feed(a, 0, [1500, NaN, 1500, NaN, NaN], 180))).toEqual([]);
    expect(kinds(feed(a, 0, [1500], 480))).toEqual(['cleared']);
  });

  it('a re-opening within the cool-down merges into the last alert; later ones open a new alert', () => {
    const a = engine({ ...immediate, coolDownS: 600 });
    feed(a, 0, [1610, 1500, 1500, 1500]); // cleared at 180 s
    const again = feed(a, 0, [1610], 600);
    expect(again.map((c) => [c.kind, c.alert.id, c.alert.reopenCount, c.alert.state])).toEqual([['reopened', 'ALT-000001', 1, 'active']]);
    feed(a, 0, [1500, 1500, 1500], 660); // cleared at 780 s
    const later = feed(a, 0, [1610], 780 + 601);
    expect(later.map((c) => [c.kind, c.alert.id])).toEqual([['opened', 'ALT-000002']]);
  });

  it('sends `updated` with the latest value at most every updateIntervalS', () => {
    const a = engine({ ...immediate, updateIntervalS: 120 });
    const changes = feed(a, 0, [1610, 1611, 1612, 1613, 1614]);
    expect(changes.map((c) => [c.kind, c.alert.value, c.alert.lastAt])).toEqual([
      ['opened', 1610, '2024-03-14T00:00:00.000Z'],
      ['updated', 1612, '2024-03-14T00:02:00.000Z'],
      ['updated', 1614, '2024-03-14T00:04:00.000Z'],
    ]);
  });

  it('keeps sensors apart', () => {
    const a = engine(immediate);
    feed(a, 0, [1610]);
    feed(a, 1, [1610]);
    expect(a.open().map((x) => [x.id, x.sensor])).toEqual([
      ['ALT-000001', 'Line_A.furnace.zone4_temp'],
      ['ALT-000002', 'Line_B.furnace.zone4_temp'],
    ]);
  });
});

describe('threshold overrides from settings', () => {
  it('a per-sensor override tightens one sensor only', () => {
    const a = engine({ ...immediate, thresholds: [{ sensor: 'Line_A.furnace.zone4_temp', warningHigh: 1580 }] });
    const changes = [...feed(a, 0, [1590]), ...feed(a, 1, [1590])];
    expect(changes.map((c) => c.alert.message)).toEqual(['Line_A furnace zone4_temp 1590 °C above warning limit 1580 °C']);
  });

  it('a per-parameter override applies to every line; a per-sensor one wins over it', () => {
    const a = engine({
      ...immediate,
      thresholds: [
        { sensor: 'Line_A.furnace.zone4_temp', warningHigh: 1590 },
        { parameter: 'furnace.zone4_temp', warningHigh: 1570 },
      ],
    });
    const changes = [...feed(a, 0, [1580]), ...feed(a, 1, [1580])];
    expect(changes.map((c) => c.alert.sensor)).toEqual(['Line_B.furnace.zone4_temp']);
  });

  it('configure() changes limits at run time and keeps open alerts', () => {
    const a = engine(immediate);
    expect(feed(a, 0, [1590])).toEqual([]);
    a.configure({ ...immediate, thresholds: [{ sensor: 'Line_A.furnace.zone4_temp', warningHigh: 1580 }] });
    expect(kinds(feed(a, 0, [1590], 60))).toEqual(['opened']);
  });
});
