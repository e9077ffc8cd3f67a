import { describe, expect, it } from 'vitest';
import { kpiValues, Tally } from '../monitor/kpis/tally.ts';
import { DEFECT_TYPES, type DefectType } from '../physics/model.ts';
import type { BranchTrace, SeedTrace } from './run-branch.ts';
import { sampleTimesS } from './run-branch.ts';
import { summarize } from './summarize.ts';

const plan = { horizonS: 600, stepS: 10 };
const samples = sampleTimesS(plan.horizonS, plan.stepS); // every 10 s
const noDefects = Object.fromEntries(DEFECT_TYPES.map((t) => [t, 0])) as Record<DefectType, number>;

/** A branch making `unitsPer10s` units every 10 s, `defectiveUnits` of them with one crack each, at `MW` of power. */
function trace(unitsPer10s: number, defectiveUnits: number, MW = 1, departAtS = Infinity, MWAfter = MW): BranchTrace {
  const units = samples.map((_, j) => unitsPer10s * (j + 1));
  let e = 0;
  const energyMJ = samples.map((t) => (e += (t > departAtS ? MWAfter : MW) * 10));
  const total = units.at(-1)!;
  return {
    units: total,
    defectiveUnits,
    defects: { ...noDefects, crack: defectiveUnits },
    burnerMJ: e,
    machineMJ: 0,
    failures: 0,
    rulStartH: null,
    rulEndH: null,
    series: { units, defects: samples.map((_, j) => Math.round((defectiveUnits * (j + 1)) / samples.length)), energyMJ },
  };
}
const result = (seeds: SeedTrace[]) => ({ startTS: 3600, assets: ['Line_A'], seeds });

describe('summarize', () => {
  it("reports the first-pass yield of the KPI cards (monitor's definition), in percent", () => {
    const r = summarize(result([{ seed: 1, baseline: trace(2, 12), changed: trace(2, 3) }]), plan);
    const tally = new Tally();
    tally.units = 120;
    tally.defectiveUnits = 12;
    expect(r.perSeed[0]!.baseline.firstPassYieldPct).toBeCloseTo(100 * kpiValues(tally, 0).quality!, 12);
    expect(r.perSeed[0]!.baseline.firstPassYieldPct).toBeCloseTo(90, 12);
    expect(r.delta.firstPassYieldPct!.mean).toBeCloseTo(7.5, 12);
    expect(r.baseline.defectsPer1000.mean).toBeCloseTo(100, 12);
  });

  it('reports no first-pass yield for a branch without units, and leaves such seeds out of the spreads', () => {
    const r = summarize(
      result([
        { seed: 1, baseline: trace(0, 0), changed: trace(0, 0) },
        { seed: 2, baseline: trace(1, 6), changed: trace(0, 0) },
      ]),
      plan,
    );
    expect(r.perSeed[0]!.baseline.firstPassYieldPct).toBeNull();
    expect(r.changed.firstPassYieldPct).toBeNull();
    expect(r.baseline.firstPassYieldPct).toEqual({ mean: 90, std: 0, p10: 90, p90: 90 });
    expect(r.delta.firstPassYieldPct).toBeNull(); // no seed where both branches made units
  });

  it('finds the time to effect: the first sample where the paired difference exceeds the seed spread', () => {
    const seeds = [1, 2, 3].map((seed) => ({ seed, baseline: trace(2, 0, 1 + seed / 100), changed: trace(2, 0, 1 + seed / 100, 200, 0.5) }));
    const r = summarize(result(seeds), plan);
    expect(r.timeToEffect).toMatchObject({ tS: 210, quantity: 'power', resolutionS: 10 });
    expect(r.timeToEffect.byQuantity.production_rate.tS).toBeNull();
    expect(r.timeToEffect.byQuantity.power.seedsDeparted).toBe(3);
    expect(r.perSeed.map((s) => s.timeToEffectS)).toEqual([210, 210, 210]);
    expect(r.delta.energyMWh.mean).toBeLessThan(0);
    expect(r).toMatchObject({ startTS: 3600, assets: ['Line_A'] });
  });
});
