/**
 * The look-ahead itself, pure and synchronous (workers call it; tests may call it directly): a
 * plant restored at the snapshot, forked per seed into a baseline and a changed branch that run in
 * virtual time, at a coarse step and without sensors, metering units, defects and energy.
 */
import { TwinEngine } from '../engine/engine.ts';
import { buildModels } from '../engine/plant.ts';
import { decodeSnapshot } from '../engine/snapshot.ts';
import { DEFECT_TYPES, type DefectType } from '../physics/model.ts';
import type { Scenario } from '../scenarios/types.ts';
import { createMeter, meteredModel, resetMeter, type Meter } from './meter.ts';
import type { WhatIfPlan } from '../twin-api/what-if/request.ts';
import { subScenario, subSnapshot } from './sub-plant.ts';

/** An engine for (part of) a plant whose models report to `meter`. Build once, restore per job. */
export interface MeteredPlant {
  readonly engine: TwinEngine;
  readonly meter: Meter;
}

/** `assets` null: the whole plant. Only assets in `metered` count towards the meter. */
export function buildMeteredPlant(scenario: Scenario, assets: ReadonlySet<string> | null, metered: ReadonlySet<string> | null): MeteredPlant {
  const sc = assets === null ? scenario : subScenario(scenario, assets);
  const meter = createMeter();
  const scratch = createMeter();
  const models = buildModels(sc).map((m) => meteredModel(m, metered === null || metered.has(m.asset) ? meter : scratch));
  return { engine: TwinEngine.create({ scenario: sc, models }), meter };
}

/** What one branch of one seed produced: totals, and cumulative series at each sample time. */
export interface BranchTrace {
  units: number;
  defectiveUnits: number;
  defects: Record<DefectType, number>;
  burnerMJ: number;
  machineMJ: number;
  /** Cumulative since the snapshot, at `sampleTimesS`. */
  readonly series: { units: number[]; defects: number[]; energyMJ: number[] };
}

export interface SeedTrace {
  readonly seed: number;
  readonly baseline: BranchTrace;
  readonly changed: BranchTrace;
}

/** Sample times for the time-to-effect series, seconds after the snapshot: a round interval giving at most ~240 samples. */
export function sampleTimesS(horizonS: number, stepS: number): number[] {
  const nice = [10, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600];
  const every = nice.find((n) => n % stepS === 0 && n >= horizonS / 240) ?? 3600;
  const out: number[] = [];
  for (let t = every; t < horizonS - 1e-9; t += every) out.push(t);
  out.push(horizonS);
  return out;
}

const EPS = 1e-6;
const onGrid = (tS: number, stepS: number) => Math.abs(tS / stepS - Math.round(tS / stepS)) < 1e-9;

/**
 * Runs one branch from `start` (restored at the snapshot): fresh random streams from `seed`, the
 * `changes` applied now, then `horizonS` of virtual time. Ticks at the plant's own step until the
 * time is on the coarse grid, then at `stepS`, and back at the plant's step for a remainder shorter
 * than `stepS`, so the horizon is met exactly.
 */
export function runBranch(
  plant: MeteredPlant,
  seed: number,
  changes: WhatIfPlan['changes'],
  horizonS: number,
  stepS: number,
  samples: readonly number[],
): BranchTrace {
  const { meter } = plant;
  resetMeter(meter);
  const fine = plant.engine.fork({ seed, sensors: false });
  for (const c of changes) fine.setSetpoint(c.setpoint, c.value);
  const baseS = fine.stepS;
  const t0 = fine.tS;
  const end = t0 + horizonS;
  const series = { units: [] as number[], defects: [] as number[], energyMJ: [] as number[] };
  let next = 0;
  const record = (tS: number) => {
    while (next < samples.length && t0 + samples[next]! <= tS + EPS) {
      series.units.push(meter.units);
      let d = 0;
      for (const t of DEFECT_TYPES) d += meter.defects[t];
      series.defects.push(d);
      series.energyMJ.push(meter.burnerMJ + meter.machineMJ);
      next++;
    }
  };
  let e = fine;
  const coarse = stepS > baseS && onGrid(stepS, baseS);
  while (coarse && !onGrid(e.tS, stepS) && e.tS + baseS <= end + EPS) {
    e.step(1);
    record(e.tS);
  }
  if (coarse && onGrid(e.tS, stepS)) e = e.fork({ stepS, sensors: false });
  while (e.tS + e.stepS <= end + EPS) {
    // Step to the next sample time in one call (the engine's loop is tighter than ours).
    const target = Math.min(end, t0 + (samples[next] ?? horizonS));
    const n = Math.max(1, Math.floor((target - e.tS) / e.stepS + EPS));
    e.step(n);
    record(e.tS);
  }
  if (e.tS < end - EPS) {
    if (e.stepS !== baseS) e = e.fork({ stepS: baseS, sensors: false });
    while (e.tS < end - EPS) {
      e.step(1);
      record(e.tS);
    }
  }
  record(Number.POSITIVE_INFINITY);
  return {
    units: meter.units,
    defectiveUnits: meter.defectiveUnits,
    defects: { ...meter.defects },
    burnerMJ: meter.burnerMJ,
    machineMJ: meter.machineMJ,
    series,
  };
}

/** Adds `b` into `a` (two disjoint parts of one plant). */
function addTrace(a: BranchTrace, b: BranchTrace): BranchTrace {
  const add = (x: number[], y: number[]) => x.map((v, i) => v + (y[i] ?? 0));
  return {
    units: a.units + b.units,
    defectiveUnits: a.defectiveUnits + b.defectiveUnits,
    defects: Object.fromEntries(DEFECT_TYPES.map((t) => [t, a.defects[t] + b.defects[t]])) as Record<DefectType, number>,
    burnerMJ: a.burnerMJ + b.burnerMJ,
    machineMJ: a.machineMJ + b.machineMJ,
    series: { units: add(a.series.units, b.series.units), defects: add(a.series.defects, b.series.defects), energyMJ: add(a.series.energyMJ, b.series.energyMJ) },
  };
}

/** Builds and caches the plants a plan needs; one per worker. */
export class Lookahead {
  private readonly plants = new Map<string, MeteredPlant>();
  private readonly scenarios = new Map<string, Scenario>();
  private static readonly MAX_SCENARIOS = 4;

  /** Keeps the plants of the last few scenarios (keyed by their JSON). */
  private plant(scenario: Scenario, key: string, assets: ReadonlySet<string> | null, metered: ReadonlySet<string> | null): MeteredPlant {
    if (!this.scenarios.has(key)) {
      if (this.scenarios.size >= Lookahead.MAX_SCENARIOS) {
        const oldest = this.scenarios.keys().next().value!;
        this.scenarios.delete(oldest);
        for (const k of [...this.plants.keys()]) if (k.startsWith(`${oldest}\u0000`)) this.plants.delete(k);
      }
      this.scenarios.set(key, scenario);
    }
    const names = (s: ReadonlySet<string> | null) => (s === null ? '*' : [...s].sort().join(','));
    const id = `${key}\u0000${names(assets)}\u0000${names(metered)}`;
    let p = this.plants.get(id);
    if (!p) {
      p = buildMeteredPlant(scenario, assets, metered);
      this.plants.set(id, p);
    }
    return p;
  }

  /**
   * Runs `seeds` of `plan` from the snapshot. Only the assets the changes touch are simulated in
   * both branches; with scope "plant" the other assets run once per seed and are added to both
   * (they evolve identically in both, see sub-plant.ts). Returns the snapshot time too.
   */
  run(scenario: Scenario, snapshot: Uint8Array, plan: WhatIfPlan, seeds: readonly number[]): { startTS: number; seeds: SeedTrace[] } {
    const key = JSON.stringify(scenario);
    const full = this.plant(scenario, key, null, null);
    const decoded = decodeSnapshot(snapshot, full.engine.layout);
    const samples = sampleTimesS(plan.horizonS, plan.stepS);
    const affected = new Set(plan.changes.map((c) => c.asset));
    const rest = new Set(full.engine.layout.models.map((m) => m.asset).filter((a) => !affected.has(a)));
    const restore = (p: MeteredPlant): boolean => {
      try {
        p.engine.restore(p === full ? decoded : subSnapshot(decoded, full.engine.layout, p.engine));
        return true;
      } catch {
        return false;
      }
    };
    let main = this.plant(scenario, key, affected, null);
    let other: MeteredPlant | null = plan.scope === 'plant' && rest.size > 0 ? this.plant(scenario, key, rest, null) : null;
    if (!restore(main) || (other !== null && !restore(other))) {
      // A state this service cannot split: run the whole plant, metering what the scope covers.
      main = this.plant(scenario, key, null, plan.scope === 'plant' ? null : affected);
      main.engine.restore(decoded);
      other = null;
    }
    const startTS = main.engine.tS;
    const out: SeedTrace[] = seeds.map((seed) => {
      let baseline = runBranch(main, seed, [], plan.horizonS, plan.stepS, samples);
      let changed = runBranch(main, seed, plan.changes, plan.horizonS, plan.stepS, samples);
      if (other !== null) {
        const shared = runBranch(other, seed, [], plan.horizonS, plan.stepS, samples);
        baseline = addTrace(baseline, shared);
        changed = addTrace(changed, shared);
      }
      return { seed, baseline, changed };
    });
    return { startTS, seeds: out };
  }
}
