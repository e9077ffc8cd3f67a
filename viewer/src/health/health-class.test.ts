import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../protocol/alerts.ts';
import type { AssetInfo } from '../../../protocol/plant.ts';
import type { Prediction, RulView } from '../live/store-types.ts';
import { machineHealth, rulShowsWear, RUL_DEGRADING_H } from './health-class.ts';

const motor = { id: 'motor_001', kind: 'machine', sensors: [{ id: 'motor_001.vib' }], setpoints: [] } as unknown as AssetInfo;
const prediction = (p: Partial<Prediction>): Prediction => ({
  asset: 'motor_001', t: '', rul: null, failureProbability: null, anomalyScore: null, topInputs: [], model: 'motor', accuracy: null, defectRisk: {},
  status: { rul: 'ready', failure: 'ready', anomaly: 'ready' }, ...p,
});
const censored: RulView = { kind: 'at-least', hours: 20, capH: 20 };
const classOf = (p: Partial<Prediction>, readings: Record<string, { v: number; s: 0 | 1 | 2 | 3 }> = {}, alerts: AlertView[] = []) => machineHealth(motor, readings, prediction(p), alerts).state;

describe('health class of a machine', () => {
  it('is ready for a healthy motor whose RUL is censored at a 20 h cap: "more than 20 h" is no sign of wear', () => {
    expect(classOf({ rul: censored, failureProbability: 0.05, anomalyScore: 0.3 })).toBe('ready');
    expect(classOf({ rul: censored, status: { rul: 'ready' } })).toBe('ready');
  });

  it('never classes a censored RUL as urgent, even with a cap under a day', () => {
    for (const capH of [2, 20, 23.9]) expect(classOf({ rul: { kind: 'at-least', hours: capH, capH }, failureProbability: 0.01 })).toBe('ready');
  });

  it('is degrading when an uncensored RUL estimate is under a day, even when the failure model sees little risk', () => {
    const v = machineHealth(motor, {}, prediction({ rul: { kind: 'estimate', hours: 6.4, capH: 20 }, failureProbability: 0.05 }), []);
    expect(v).toMatchObject({ state: 'degrading', why: 'remaining useful life about 6 h' });
    expect(classOf({ rul: { kind: 'estimate', hours: 6.4 }, status: { rul: 'ready' } })).toBe('degrading');
  });

  it('is ready with an estimate of a day or more (a model trained with a long cap)', () => {
    expect(classOf({ rul: { kind: 'estimate', hours: RUL_DEGRADING_H, capH: 200 }, failureProbability: 0.05 })).toBe('ready');
  });

  it('lets failure risk decide over RUL: above 50 % failing, above 20 % degrading', () => {
    expect(classOf({ rul: censored, failureProbability: 0.6 })).toBe('failing');
    expect(classOf({ rul: censored, failureProbability: 0.3 })).toBe('degrading');
    expect(classOf({ rul: { kind: 'estimate', hours: 3 }, failureProbability: 0.6 })).toBe('failing');
  });

  it('keeps sensor and alert evidence over a reassuring RUL', () => {
    expect(classOf({ rul: censored, failureProbability: null, status: { rul: 'ready', anomaly: 'ready' }, anomalyScore: 0.2 }, { 'motor_001.vib': { v: 9, s: 3 } })).toBe('failing');
    expect(classOf({ rul: censored, failureProbability: 0.01 }, {}, [{ asset: 'motor_001', rule: 'failure', state: 'active' } as AlertView])).toBe('failing');
  });

  it('ignores a RUL whose model is not ready', () => {
    expect(classOf({ rul: { kind: 'estimate', hours: 1 }, status: { rul: 'loading' } })).toBe('loading');
  });
});

describe('rulShowsWear', () => {
  it('is true only for a point estimate under a day', () => {
    expect(rulShowsWear(null)).toBe(false);
    expect(rulShowsWear(censored)).toBe(false);
    expect(rulShowsWear({ kind: 'estimate', hours: 19 + 43 / 60, capH: 20 })).toBe(true);
    expect(rulShowsWear({ kind: 'estimate', hours: 30 })).toBe(false);
  });
});
