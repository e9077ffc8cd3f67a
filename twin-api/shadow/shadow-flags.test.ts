/**
 * What a shadow flag means, measured in virtual time on sub-plants (the faulty asset alone; a
 * fault-free line and three machines), so the test takes seconds: the whole reference plant over
 * 24 h and every library fault are in `npm run bench:shadow`.
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../engine/scenario.ts';
import { listScenarios, loadLibraryScenario } from '../../scenarios/library.ts';
import { LIBRARY_FAULT_DELAY_S, faultDetection, falseFlagRate } from './shadow-evaluation.ts';

/** The scenario with only the named assets (lines and machines). */
function subPlant(s: Scenario, assets: readonly string[]): Scenario {
  return { ...s, lines: s.lines.filter((l) => assets.includes(l.id)), machines: s.machines.filter((m) => assets.includes(m.id)) };
}

/**
 * A plant seed the detector was not tuned on: arlMargin, the exogenous wander and the stated delays
 * were chosen on validation offsets 1 and 2 only; changing the detector until this seed passes would
 * make these figures a fit, not a measurement.
 */
const TEST_SEED = 13;

describe('shadow flags on a fault-free plant (sub-plant: Line_A, pump_003, motor_001, fan_001; 12 simulated hours)', () => {
  it('raises no more flags than the budget of 1 per asset per week allows', async () => {
    const assets = ['Line_A', 'pump_003', 'motor_001', 'fan_001'];
    const hours = 12;
    const r = await falseFlagRate(subPlant(loadLibraryScenario('glass-plant'), assets), { plantSeedOffset: TEST_SEED, runS: hours * 3600 });
    expect(r.assets).toBe(assets.length);
    // 4 assets × 12 h is 0.29 asset-weeks: the bound allows no flag at all.
    expect(r.raised).toEqual([]);
  });
});

describe('each library fault is flagged on its asset, as equipment_issue, within its stated delay (sub-plant: the faulty asset alone)', () => {
  const faulty = listScenarios().map(({ name }) => loadLibraryScenario(name)).filter((s) => s.faults.length > 0);

  it('states a delay for every library fault', () => {
    expect(Object.keys(LIBRARY_FAULT_DELAY_S).sort()).toEqual(faulty.map((s) => s.name).sort());
  });

  for (const scenario of faulty) {
    const asset = scenario.faults[0]!.target.split('.')[0]!;
    const statedS = LIBRARY_FAULT_DELAY_S[scenario.name]!;
    it(`${scenario.name}: ${scenario.faults[0]!.type} on ${asset} within ${statedS} s`, async () => {
      const d = await faultDetection(subPlant(scenario, [asset]), { plantSeedOffset: TEST_SEED, afterS: statedS + 60 });
      expect(d.flag).toBe('equipment_issue');
      expect(d.delayS).not.toBeNull();
      expect(d.delayS!).toBeLessThanOrEqual(statedS);
    });
  }
});
