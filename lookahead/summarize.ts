/**
 * Turns per-seed traces into the result: per-branch spreads, paired deltas, and the time to effect.
 *
 * Time to effect, per quantity: on a series sampled every `resolutionS`, the changed branch is out
 * of the baseline's noise band at sample time t when the mean over seeds of the paired difference
 * (changed − baseline, same seed, so the same random streams) exceeds the seed spread at t, i.e. the
 * larger of the two branches' standard deviations across seeds (with one seed: any difference). The
 * effect arrives at the first t from which it stays out up to the horizon: a difference that comes
 * and goes is noise (or an effect that ended), not an effect. Quantities: the defect rate (defects per
 * 1,000 units since the snapshot), the production rate (units per hour since the snapshot) and the
 * power of the covered assets (mean MW over the sample interval). Each has its own time (a furnace
 * change moves power within a minute and defects hours later); `tS` is the earliest of them; per
 * seed, the same test on that seed's difference.
 *
 * First-pass yield is monitor's definition (the KPI cards show the same figure): null for a branch
 * that made no unit (a what-if of a pump makes none), left out of the spreads, never a silent 100 %.
 */
import { firstPassYield } from '../monitor/kpis/tally.ts';
import { DEFECT_TYPES, type DefectType } from '../physics/model.ts';
import type { RolloutResult } from './lookahead.ts';
import { sampleTimesS, type BranchTrace, type SeedTrace } from './run-branch.ts';
import { mean, spread, std, type Spread } from './stats.ts';
import type { BranchNumbers, BranchSummary, EffectQuantity, LookaheadSummary, QuantityEffect } from './summary.ts';

const MJ_PER_MWH = 3600;
const pct = (x: number | null) => (x === null ? null : 100 * x);
const present = (xs: readonly (number | null)[]): number[] => xs.filter((x): x is number => x !== null);
/** The spread of the values there are; null when there is none. */
const spreadOrNull = (xs: readonly (number | null)[]): Spread | null => (present(xs).length > 0 ? spread(present(xs)) : null);

function numbers(b: BranchTrace, horizonS: number): BranchNumbers {
  const defects = DEFECT_TYPES.reduce((n, t) => n + b.defects[t], 0);
  return {
    units: b.units,
    defects,
    defectsByType: { ...b.defects },
    defectsPer1000: b.units > 0 ? (1000 * defects) / b.units : 0,
    firstPassYieldPct: pct(firstPassYield(b.units, b.defectiveUnits)),
    unitsPerH: (b.units * 3600) / horizonS,
    energyMWh: (b.burnerMJ + b.machineMJ) / MJ_PER_MWH,
    burnerMWh: b.burnerMJ / MJ_PER_MWH,
    machineMWh: b.machineMJ / MJ_PER_MWH,
    failures: b.failures,
    rulEndH: b.rulEndH,
  };
}

const per1000 = (r: BranchNumbers, t: DefectType) => (r.units > 0 ? (1000 * r.defectsByType[t]) / r.units : 0);

function summary(rows: readonly BranchNumbers[]): BranchSummary {
  const of = (f: (r: BranchNumbers) => number) => spread(rows.map(f));
  return {
    units: of((r) => r.units),
    defectsPer1000: of((r) => r.defectsPer1000),
    defectsPer1000ByType: Object.fromEntries(
      DEFECT_TYPES.map((t) => [t, of((r) => per1000(r, t))]),
    ) as Record<DefectType, Spread>,
    firstPassYieldPct: spreadOrNull(rows.map((r) => r.firstPassYieldPct)),
    unitsPerH: of((r) => r.unitsPerH),
    energyMWh: of((r) => r.energyMWh),
    burnerMWh: of((r) => r.burnerMWh),
    machineMWh: of((r) => r.machineMWh),
    rulEndH: spreadOrNull(rows.map((r) => r.rulEndH)),
    failureRiskPct: rows.length === 0 ? 0 : (100 * rows.filter((r) => r.failures > 0).length) / rows.length,
  };
}

/** The series of one quantity for one branch, at each sample time. */
function quantitySeries(q: EffectQuantity, b: BranchTrace, samples: readonly number[]): number[] {
  const { units, defects, energyMJ } = b.series;
  return samples.map((t, j) => {
    const u = units[j] ?? 0;
    if (q === 'defect_rate') return u > 0 ? (1000 * (defects[j] ?? 0)) / u : 0;
    if (q === 'production_rate') return (u * 3600) / t;
    const t0 = j === 0 ? 0 : samples[j - 1]!;
    const e0 = j === 0 ? 0 : energyMJ[j - 1] ?? 0;
    return ((energyMJ[j] ?? 0) - e0) / (t - t0);
  });
}

interface Departure {
  tS: number | null;
  perSeed: (number | null)[];
}

function departure(q: EffectQuantity, seeds: readonly SeedTrace[], samples: readonly number[]): Departure {
  const base = seeds.map((s) => quantitySeries(q, s.baseline, samples));
  const chg = seeds.map((s) => quantitySeries(q, s.changed, samples));
  const perSeed: (number | null)[] = seeds.map(() => null);
  let tS: number | null = null;
  // Backwards from the horizon: the effect's time is the start of the last run of samples out of the band.
  let lasting = true;
  const seedLasting = seeds.map(() => true);
  for (let j = samples.length - 1; j >= 0; j--) {
    const t = samples[j]!;
    const b = base.map((xs) => xs[j]!);
    const c = chg.map((xs) => xs[j]!);
    const d = c.map((x, i) => x - b[i]!);
    // A floor far below any physical difference, so that float noise never counts as an effect.
    const threshold = Math.max(std(b), std(c)) + 1e-9 * Math.max(1, Math.abs(mean(b)));
    lasting &&= Math.abs(mean(d)) > threshold;
    if (lasting) tS = t;
    d.forEach((x, i) => {
      seedLasting[i] = seedLasting[i]! && Math.abs(x) > threshold;
      if (seedLasting[i]) perSeed[i] = t;
    });
  }
  return { tS, perSeed };
}

/**
 * The summary of a rollout of a plan over `horizonS` at `stepS` (the sample times follow from them).
 * @example summarize(await runner.run(job), job.plan).delta.defectsPer1000.mean
 */
export function summarize(result: RolloutResult, plan: { readonly horizonS: number; readonly stepS: number }): LookaheadSummary {
  const { seeds, startTS, assets } = result;
  const rulAtFork = seeds[0]?.baseline.rulStartH ?? null;
  const samples = sampleTimesS(plan.horizonS, plan.stepS);
  const base = seeds.map((s) => numbers(s.baseline, plan.horizonS));
  const chg = seeds.map((s) => numbers(s.changed, plan.horizonS));
  const baseSummary = summary(base);
  const chgSummary = summary(chg);
  const delta = (f: (r: BranchNumbers) => number) => spread(chg.map((c, i) => f(c) - f(base[i]!)));
  const quantities: EffectQuantity[] = ['defect_rate', 'production_rate', 'power'];
  const dep = Object.fromEntries(quantities.map((q) => [q, departure(q, seeds, samples)])) as Record<EffectQuantity, Departure>;
  const departed = quantities.filter((q) => dep[q].tS !== null).sort((a, b) => dep[a].tS! - dep[b].tS!);
  const firstQ: EffectQuantity | null = departed[0] ?? null;
  const byQuantity = Object.fromEntries(
    quantities.map((q) => {
      const departed = dep[q].perSeed.filter((t): t is number => t !== null);
      return [q, { tS: dep[q].tS, perSeedS: departed.length > 0 ? spread(departed) : null, seedsDeparted: departed.length }];
    }),
  ) as Record<EffectQuantity, QuantityEffect>;
  return {
    startTS,
    assets: [...assets],
    baseline: baseSummary,
    changed: chgSummary,
    delta: {
      defectsPer1000: delta((r) => r.defectsPer1000),
      firstPassYieldPct: spreadOrNull(chg.map((c, i) => (c.firstPassYieldPct === null || base[i]!.firstPassYieldPct === null ? null : c.firstPassYieldPct - base[i]!.firstPassYieldPct))),
      unitsPerH: delta((r) => r.unitsPerH),
      energyMWh: delta((r) => r.energyMWh),
      defectsPer1000ByType: Object.fromEntries(DEFECT_TYPES.map((t) => [t, delta((r) => per1000(r, t))])) as Record<DefectType, Spread>,
      rulEndH: spreadOrNull(chg.map((c, i) => (c.rulEndH === null || base[i]!.rulEndH === null ? null : c.rulEndH - base[i]!.rulEndH))),
      failureRiskPct: chgSummary.failureRiskPct - baseSummary.failureRiskPct,
    },
    machineHealth: rulAtFork === null ? null : { source: 'twin_wear_state', rulAtForkH: rulAtFork },
    timeToEffect: { tS: firstQ === null ? null : dep[firstQ].tS, quantity: firstQ, resolutionS: samples[0] ?? plan.horizonS, byQuantity },
    perSeed: seeds.map((s, i) => {
      const times = quantities.map((q) => dep[q].perSeed[i]).filter((t): t is number => t !== null && t !== undefined);
      return { seed: s.seed, baseline: base[i]!, changed: chg[i]!, timeToEffectS: times.length > 0 ? Math.min(...times) : null };
    }),
  };
}
