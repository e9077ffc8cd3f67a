import { describe, expect, it } from 'vitest';
import { AlertEngine } from './alert-engine.ts';
import { DEFAULT_ALERT_SETTINGS, parseAlertSettings } from './alert-settings.ts';
import { fieldOf, SENSORS, START_MS } from './alert-test-helpers.test-helper.ts';

describe('alert settings', () => {
  it('fills defaults', () => {
    expect(parseAlertSettings({}, SENSORS)).toEqual(DEFAULT_ALERT_SETTINGS);
    expect(parseAlertSettings({ hysteresis: { clearSamples: 5 } }).hysteresis).toEqual({ ...DEFAULT_ALERT_SETTINGS.hysteresis, clearSamples: 5 });
  });

  it('names the offending field in schema errors', () => {
    expect(fieldOf({ hysteresis: { clearSamples: 0 } })).toBe('hysteresis.clearSamples');
    expect(fieldOf({ thresholds: [{ sensor: 'Line_A.furnace.zone4_temp', warningHigh: 'hot' }] })).toBe('thresholds[0].warningHigh');
    expect(fieldOf({ rateRules: [{ sensor: 'Line_A.furnace.zone4_temp', maxPerMin: 0, windowS: 60 }] })).toBe('rateRules[0].maxPerMin');
    expect(fieldOf({ coolDown: 5 })).toBe('coolDown');
  });

  it('names the field of plant-level mistakes', () => {
    expect(fieldOf({ thresholds: [{ sensor: 'Line_Z.furnace.zone4_temp', warningHigh: 1 }] })).toBe('thresholds[0].sensor');
    expect(fieldOf({ thresholds: [{ parameter: 'zone9_temp', warningHigh: 1 }] })).toBe('thresholds[0].parameter');
    expect(fieldOf({ thresholds: [{ warningHigh: 1 }] })).toBe('thresholds[0]');
    expect(fieldOf({ thresholds: [{ sensor: 'Line_A.furnace.zone4_temp', warningHigh: 1660 }] })).toBe('thresholds[0].warningHigh');
    const rule = { sensor: 'Line_A.furnace.zone4_temp', maxPerMin: 1, windowS: 60 };
    expect(fieldOf({ rateRules: [rule, rule] })).toBe('rateRules[1].sensor');
  });

  it('the engine refuses bad settings and keeps its current ones', () => {
    const a = new AlertEngine({ sensors: SENSORS, startMs: START_MS });
    expect(() => a.configure({ thresholds: [{ sensor: 'Line_A.furnace.zone4_temp', warningLow: 1700 }] })).toThrow(/thresholds\[0\]\.warningLow/);
    expect(a.settings).toEqual(DEFAULT_ALERT_SETTINGS);
  });
});
