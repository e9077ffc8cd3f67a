import type { AssetModel, SensorChannel, StepContext } from '../physics/model.ts';

/** What a probe saw at one step: when it started, how long it was, and the setpoint it ran with. */
export interface ProbeStep {
  readonly tS: number;
  readonly dtS: number;
  readonly u: number;
}

/**
 * A machine for look-ahead tests that logs every step into `log`, makes a unit per step with
 * probability 1/2 (from its own stream) and reports a crack and a bubble on it when its setpoint
 * `probe.u` is above 50. Its `power_kw` reads the setpoint, in kW. The setpoint jumps (no lag).
 */
export function probeModel(log: ProbeStep[] = []): AssetModel {
  const limits = { warning: [null, null], error: [null, null], critical: [null, null] } as const;
  const power: SensorChannel = { id: 'probe.power_kw', asset: 'probe', assetKind: 'machine', group: 'machine', name: 'power_kw', unit: 'kW', description: 'power', period: { kind: 'periodic', periodS: 60 }, limits, noise: { std: 0 } };
  let u = 0;
  return {
    asset: 'probe',
    kind: 'machine',
    stateSize: 1,
    sensors: [power],
    setpoints: [{ id: 'probe.u', asset: 'probe', name: 'u', unit: '', min: 0, max: 100, initial: 0, lagS: 0, rateLimitPerS: 1e9, description: 'probe input' }],
    faultTypes: [],
    init() {},
    step(s, off, sp, spOff, ctx: StepContext, rng, out) {
      u = sp[spOff]!;
      log.push({ tS: ctx.tS, dtS: ctx.dtS, u });
      s[off] = u;
      if (rng.uniform() < 0.5) {
        out.unitProduced('probe', 0);
        if (u > 50) {
          out.defect({ asset: 'probe', unitId: 0, type: 'crack', x: 0, y: 0, severity: 1, causes: [] });
          out.defect({ asset: 'probe', unitId: 0, type: 'bubble', x: 0, y: 0, severity: 1, causes: [] });
        }
      }
    },
    read: (s, off) => s[off]!,
    truth: () => ({ rulH: null, health: null, activeFaults: [] }),
    injectFault() {
      throw new Error('the probe has no faults');
    },
    maintain() {},
  };
}
