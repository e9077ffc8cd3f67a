import { describe, expect, it } from 'vitest';
import type { SensorChannel } from '../../physics/model.ts';
import { AlertEngine } from './alert-engine.ts';
import { DEFAULT_ALERT_SETTINGS } from './alert-settings-schema.ts';
import { effectiveLimits } from './effective-limits.ts';
import { createRng } from '../../engine/rng.ts';

// The gob pyrometer of a glass line: warning band ±60 °C around 1100 °C, noise σ 3 °C in 0.5 °C steps.
const gob: SensorChannel = {
  id: 'Line_A.forming.gob_temp', asset: 'Line_A', assetKind: 'line', group: 'forming', name: 'gob_temp', unit: '°C', description: 'gob', period: { kind: 'periodic', periodS: 10 },
  limits: { warning: [1040, 1160], error: [1000, 1200], critical: [950, 1250] },
  noise: { std: 3, quantum: 0.5 },
};

describe('the clearing deadband', () => {
  it('is the settings’ fraction of the warning span, but never narrower than three noise σ and a quantum', () => {
    expect(effectiveLimits([gob], DEFAULT_ALERT_SETTINGS).deadband[0]).toBeCloseTo(9.5, 9);
    expect(effectiveLimits([{ ...gob, noise: { std: 0 } }], DEFAULT_ALERT_SETTINGS).deadband[0]).toBeCloseTo(0.02 * 120, 9);
  });

  it('keeps a noisy value sitting on its limit as one open alert instead of chattering', () => {
    const advice = { forSensor: () => 'inspect', forAsset: () => null };
    const a = new AlertEngine({ sensors: [gob], startMs: 0, advice });
    const rng = createRng(7, 'gob');
    const kinds: string[] = [];
    // Two simulated hours at 10 s: the true value 1160.5 °C, half a degree over the limit.
    for (let i = 0; i < 720; i++) {
      const v = Math.round((1160.5 + 3 * rng.normal()) * 2) / 2;
      for (const c of a.onFrame({ timeMs: i * 10_000, values: Float64Array.of(v), sampled: Int32Array.of(0), sampledCount: 1, events: [] })) if (c.kind !== 'updated') kinds.push(c.kind);
    }
    expect(kinds).toEqual(['opened']);
  });
});
