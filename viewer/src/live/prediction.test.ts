import { describe, expect, it } from 'vitest';
import type { PredictionData } from '../../../protocol/ws.ts';
import { predictionsOf, toPrediction } from './prediction.ts';

const T = '2024-03-14T01:00:00.000Z';

describe('reading predictions from the wire', () => {
  it('takes RUL in hours (with the cap it lies under), failure risk, anomaly score and the inputs that explain the risk', () => {
    const wire: PredictionData = {
      asset: 'pump_003',
      kind: 'pump',
      tS: 3600,
      status: { rul: 'ready', failure: 'ready', anomaly: 'ready' },
      rul: { kind: 'estimate', hours: 12.5, unit: 'h', capH: 20, explanation: [{ feature: 'vibration_mm_s', contribution: -3 }] },
      failureProbability: { value: 0.4, explanation: [{ feature: 'bearing_temp_c', contribution: 1.2 }, { feature: 'flow_m3h', contribution: -0.1 }] },
      anomaly: { score: 1.3, anomalous: true, topSensors: [{ feature: 'vibration_mm_s', contribution: 0.9 }] },
    };
    expect(toPrediction(wire, T)).toEqual({
      asset: 'pump_003',
      t: T,
      rul: { kind: 'estimate', hours: 12.5, capH: 20 },
      failureProbability: 0.4,
      anomalyScore: 1.3,
      topInputs: [{ name: 'bearing_temp_c', weight: 1.2 }, { name: 'flow_m3h', weight: -0.1 }],
      model: 'pump',
      accuracy: null,
      defectRisk: {},
      status: { rul: 'ready', failure: 'ready', anomaly: 'ready' },
    });
  });

  it('reads an asset whose models are all missing as "no model", with no figures', () => {
    const p = toPrediction({ asset: 'Line_A', kind: 'line', tS: 0, status: { defects: 'missing', anomaly: 'missing' } }, T);
    expect(p).toMatchObject({ asset: 'Line_A', model: null, rul: null, failureProbability: null, anomalyScore: null, topInputs: [], status: { defects: 'missing', anomaly: 'missing' } });
  });

  it('reads a RUL censored at the cap as the lower bound "more than the cap", whatever hours it carries', () => {
    const wire = (rul: unknown) => toPrediction({ asset: 'motor_001', kind: 'motor', tS: 0, status: { rul: 'ready' }, rul }, T)?.rul;
    expect(wire({ kind: 'at-least', hours: 19.7, capH: 20, unit: 'h', explanation: [] })).toEqual({ kind: 'at-least', hours: 20, capH: 20 });
    expect(wire({ kind: 'estimate', hours: 150, unit: 'h', explanation: [] })).toEqual({ kind: 'estimate', hours: 150 });
  });

  it('reads a RUL in another unit, or a lower bound without its cap, as none rather than guessing', () => {
    const wire = (rul: unknown) => toPrediction({ asset: 'motor_001', kind: 'motor', tS: 0, status: { rul: 'ready' }, rul }, T)?.rul;
    expect(wire({ kind: 'estimate', hours: 2, unit: 'min', explanation: [] })).toBeNull();
    expect(wire({ kind: 'at-least', hours: 20, unit: 'h', explanation: [] })).toBeNull();
    expect(wire({ value: 12 })).toBeNull();
  });

  it("keeps a line's defect risk per type and horizon", () => {
    const p = toPrediction({ asset: 'Line_A', kind: 'line', tS: 0, status: { defects: 'ready' }, defects: { probabilities: { crack_1h: 0.7, bubble_1h: 0.1 }, explanation: [] } }, T);
    expect(p?.defectRisk).toEqual({ crack_1h: 0.7, bubble_1h: 0.1 });
  });

  it('ignores payloads without an asset, and splits the REST list', () => {
    expect(toPrediction({ kind: 'pump' }, T)).toBeNull();
    expect(predictionsOf([{ asset: 'a', kind: 'fan', tS: 0, status: {} }, null, { asset: 'b', kind: 'fan', tS: 0, status: {} }], T).map((p) => p.asset)).toEqual(['a', 'b']);
  });
});
