import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { toyScenario } from '../engine/toy-model.test-helper.ts';
import { Lookahead } from './lookahead.ts';
import { plantRef } from './plant-key.ts';
import type { LookaheadPlan } from './plan.ts';

// A pump whose bearing wears 400 times faster than its profile's rate: it fails about 1.5 h in.
const scenario = toyScenario({
  durationS: 86_400,
  machines: [
    { id: 'pump_001', profile: 'pump', initial: { load: 80 }, ageH: 0 },
    { id: 'fan_001', profile: 'fan', initial: { load: 80 }, ageH: 0 },
  ],
  faults: [{ atS: 0, target: 'pump_001', type: 'bearing_wear', params: { rateMultiplier: 400 } }],
});

function forkAt(tS: number) {
  const e = createEngine(scenario);
  e.runUntil(tS);
  return { snapshot: snapshotToBinary(e.snapshot()), rulH: e.truth().rulH[e.layout.assetIndex.get('pump_001')!]! };
}

const plan = (p: Partial<LookaheadPlan>): LookaheadPlan => ({ steps: [], horizonS: 4 * 3600, stepS: 10, seeds: [1, 2, 3], scope: 'affected', cover: ['pump_001'], ...p });

describe('maintenance in a look-ahead', () => {
  it('renews the machine at its time in the changed branch only: the failure the baseline has is avoided', () => {
    const { snapshot, rulH } = forkAt(60);
    expect(rulH).toBeLessThan(2);
    const r = new Lookahead().run({ plant: plantRef(scenario), snapshot, plan: plan({ maintenance: [{ atS: 1800, asset: 'pump_001' }] }) });
    for (const s of r.seeds) {
      expect(s.baseline.failures).toBe(1);
      expect(s.changed.failures).toBe(0);
      // Renewed: its true remaining life at the horizon is far beyond the baseline's (failed: 0).
      expect(s.changed.rulEndH!).toBeGreaterThan(100);
      expect(s.baseline.rulEndH).toBe(0);
    }
  });

  it('a job after the failure repairs it but does not undo it', () => {
    const { snapshot } = forkAt(60);
    const r = new Lookahead().run({ plant: plantRef(scenario), snapshot, plan: plan({ maintenance: [{ atS: 3 * 3600, asset: 'pump_001' }] }) });
    for (const s of r.seeds) {
      expect(s.changed.failures).toBe(1);
      expect(s.changed.rulEndH!).toBeGreaterThan(100);
    }
  });

  it('refuses a job on a line, an unknown asset or off the tick grid, naming it', () => {
    const { snapshot } = forkAt(60);
    const la = new Lookahead();
    const run = (m: LookaheadPlan['maintenance']) => () => la.run({ plant: plantRef(scenario), snapshot, plan: plan({ maintenance: m }) });
    expect(run([{ atS: 0, asset: 'pump_009' }])).toThrow('maintenance[0]: "pump_009" is not a machine of the plant');
    expect(run([{ atS: 0.5, asset: 'pump_001' }])).toThrow("maintenance[0]: atS 0.5 s is not on the plant's 1 s tick grid");
    expect(run([{ atS: 0, asset: 'fan_001' }, { atS: 99_999, asset: 'fan_001' }])).toThrow('maintenance[1]: atS must be within [0, 14400) s, got 99999');
  });
});
