import { describe, expect, it } from 'vitest';
import type { TwinEvent } from '../../engine/events.ts';
import { AlertEngine } from './alert-engine.ts';
import { feed, frame, kinds, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';

const engine = (settings?: unknown) => new AlertEngine({ sensors: SENSORS, startMs: START_MS, ...(settings ? { settings } : {}) });

describe('rate-of-change rule', () => {
  const rule = { sensor: 'Line_A.furnace.zone4_temp', maxPerMin: 2, windowS: 600 };

  it('alerts when the value moves faster than the limit over the window, inside the status limits', () => {
    const a = engine({ hysteresis: { openSamples: 1 }, rateRules: [rule] });
    // 3 °C per one-minute sample: the window (10 samples) fills at 600 s.
    const ramp = Array.from({ length: 12 }, (_, i) => 1450 + 3 * i);
    const changes = feed(a, 0, ramp);
    expect(kinds(changes)).toEqual(['opened']);
    expect(changes[0]!.alert).toMatchObject({
      rule: 'rate_of_change',
      severity: 'LOW',
      value: 3,
      threshold: 2,
      unit: '°C/min',
      openedAt: '2024-03-14T00:10:00.000Z',
      message: 'Line_A furnace zone4_temp rising 3 °C/min over 600 s, limit 2 °C/min',
    });
  });

  it('a slow ramp stays quiet and a configured severity is used', () => {
    const a = engine({ hysteresis: { openSamples: 1 }, rateRules: [{ ...rule, severity: 'HIGH' }] });
    expect(feed(a, 0, Array.from({ length: 30 }, (_, i) => 1450 + 1.5 * i))).toEqual([]);
    expect(feed(a, 0, Array.from({ length: 15 }, (_, i) => 1495 - 5 * i), 1800)[0]!.alert).toMatchObject({ severity: 'HIGH', direction: 'below' });
  });

  it('clears once the rate has stayed under the limit for clearSamples samples', () => {
    const a = engine({ hysteresis: { openSamples: 1, clearSamples: 2 }, rateRules: [rule] });
    const ramp = Array.from({ length: 11 }, (_, i) => 1450 + 3 * i); // ends at 1480 at 600 s
    const flat = Array.from({ length: 12 }, () => 1480);
    const changes = [...feed(a, 0, ramp), ...feed(a, 0, flat, 660)];
    expect(kinds(changes)).toEqual(['opened', 'cleared']);
  });

  it('skips missing samples', () => {
    const a = engine({ hysteresis: { openSamples: 1 }, rateRules: [rule] });
    expect(feed(a, 0, [1450, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 1452])).toEqual([]);
  });
});

describe('anomaly hook', () => {
  it('opens one alert per asset, escalates from twice the threshold, clears after clearReports', () => {
    const a = engine();
    const t = (m: number) => new Date(START_MS + m * 60_000).toISOString();
    const opened = a.reportAnomaly('pump_003', 4, 3, ['vibration_rms', 'bearing_temp', 'current', 'flow'], t(0));
    expect(opened.map((c) => c.alert)).toMatchObject([
      {
        id: 'ALT-000001',
        rule: 'anomaly',
        severity: 'MEDIUM',
        asset: 'pump_003',
        sensor: null,
        value: 4,
        threshold: 3,
        contributors: ['vibration_rms', 'bearing_temp', 'current', 'flow'],
        message: 'pump_003 anomaly score 4 above threshold 3 (vibration_rms, bearing_temp, current)',
      },
    ]);
    expect(kinds(a.reportAnomaly('pump_003', 4.5, 3, [], t(1)))).toEqual([]);
    expect(a.reportAnomaly('pump_003', 7, 3, ['vibration_rms'], t(2)).map((c) => [c.kind, c.alert.severity])).toEqual([['escalated', 'HIGH']]);
    expect(kinds(a.reportAnomaly('pump_003', NaN, 3, [], t(3)))).toEqual([]);
    expect(kinds(a.reportAnomaly('pump_003', 2, 3, [], t(4)))).toEqual([]);
    expect(kinds(a.reportAnomaly('pump_003', 2, 3, [], t(5)))).toEqual([]);
    expect(a.reportAnomaly('pump_003', 2, 3, [], t(6)).map((c) => [c.kind, c.alert.clearedAt])).toEqual([['cleared', t(6)]]);
  });

  it('rejects a time that is not ISO 8601, naming the field', () => {
    expect(() => engine().reportAnomaly('pump_003', 4, 3, [], 'yesterday')).toThrow(expect.objectContaining({ field: 'tIso', code: 'INVALID_TIME' }));
  });
});

describe('failure events', () => {
  const base = { tick: 0, asset: 'pump_003' };
  const failure: TwinEvent = { ...base, seq: 10, tS: 100, type: 'failure', mode: 'bearing_spall' };
  const repair: TwinEvent = { ...base, seq: 11, tS: 4000, type: 'maintenance', kind: 'repair' };

  it('a failure opens a CRITICAL alert that maintenance clears; the same event twice counts once', () => {
    const a = engine();
    const opened = a.onFrame(frame(100, 2, 2, [failure]));
    expect(opened.map((c) => c.alert)).toMatchObject([{ rule: 'failure', severity: 'CRITICAL', asset: 'pump_003', message: 'pump_003 failed (bearing_spall)', openedAt: '2024-03-14T00:01:40.000Z' }]);
    expect(a.onEvent(failure)).toEqual([]);
    expect(a.onEvent(repair).map((c) => [c.kind, c.alert.clearedAt])).toEqual([['cleared', '2024-03-14T01:06:40.000Z']]);
  });
});
