/**
 * The look-ahead itself, pure and synchronous (the runners call it): a plant restored at the
 * snapshot, forked per seed into a baseline and a changed branch that run in virtual time, at a
 * coarse step and without sensors, metering units, defects and energy.
 */
import type { PlantLayout } from '../engine/layout.ts';
import { decodeSnapshot, type EngineSnapshot } from '../engine/snapshot.ts';
import type { MeteredPlant } from './metered-plant.ts';
import { orderedMaintenance, orderedSteps, planAssets, type LookaheadPlan } from './plan.ts';
import { PlantCache } from './plant-cache.ts';
import type { PlantRef } from './plant-key.ts';
import { subSnapshot } from './sub-plant.ts';
import { addTraces, runBranch, sampleTimesS, type SeedTrace } from './run-branch.ts';

/** One look-ahead: a plan run from a snapshot of a plant. */
export interface RolloutJob {
  readonly plant: PlantRef;
  /** `snapshotToBinary(engine.snapshot())` of that plant. */
  readonly snapshot: Uint8Array;
  readonly plan: LookaheadPlan;
}

/** The traces of a job, in the plan's seed order. */
export interface RolloutResult {
  /** Simulated time of the snapshot, s since the scenario start. */
  readonly startTS: number;
  /** The assets the metrics cover, in plant order. */
  readonly assets: readonly string[];
  readonly seeds: readonly SeedTrace[];
}

/** Restores a sub-plant from the full plant's snapshot; false if the state cannot be split. */
function tryRestore(p: MeteredPlant, full: EngineSnapshot, fullLayout: PlantLayout): boolean {
  try {
    p.engine.restore(subSnapshot(full, fullLayout, p.engine));
    return true;
  } catch {
    return false;
  }
}

/** Runs jobs, reusing the plants it has built (one per worker, or one in process). */
export class Lookahead {
  constructor(readonly plants: PlantCache = new PlantCache()) {}

  /**
   * Runs every seed of `job.plan`. Only the assets the plan changes are simulated in both branches;
   * with scope "plant" the other assets run once per seed and are added to both (they evolve
   * identically in both, see sub-plant.ts). Throws EngineError BAD_SNAPSHOT for a foreign snapshot,
   * RangeError for a plan the plant cannot run.
   * @example new Lookahead().run({ plant: plantRef(scenario), snapshot, plan }).seeds[0].changed.units
   */
  run(job: RolloutJob): RolloutResult {
    const { plant: ref, plan } = job;
    const full = this.plants.get(ref, null, null);
    const layout = full.engine.layout;
    const decoded = decodeSnapshot(job.snapshot, layout);
    const steps = orderedSteps(plan, layout);
    const maintenance = orderedMaintenance(plan, layout);
    const samples = sampleTimesS(plan.horizonS, plan.stepS);
    const changedAssets = planAssets(plan, layout);
    const affected = new Set(changedAssets);
    const rest = new Set(layout.models.map((m) => m.asset).filter((a) => !affected.has(a)));
    let main = this.plants.get(ref, affected, null);
    let other: MeteredPlant | null = plan.scope === 'plant' && rest.size > 0 ? this.plants.get(ref, rest, null) : null;
    if (!tryRestore(main, decoded, layout) || (other !== null && !tryRestore(other, decoded, layout))) {
      // A state this mapping cannot split: run the whole plant, metering what the scope covers.
      main = this.plants.get(ref, null, plan.scope === 'plant' ? null : affected);
      main.engine.restore(decoded);
      other = null;
    }
    const startTS = main.engine.tS;
    const seeds = plan.seeds.map((seed): SeedTrace => {
      let baseline = runBranch(main, seed, [], plan.horizonS, plan.stepS, samples);
      let changed = runBranch(main, seed, steps, plan.horizonS, plan.stepS, samples, maintenance);
      if (other !== null) {
        const shared = runBranch(other, seed, [], plan.horizonS, plan.stepS, samples);
        baseline = addTraces(baseline, shared);
        changed = addTraces(changed, shared);
      }
      return { seed, baseline, changed };
    });
    return { startTS, assets: plan.scope === 'plant' ? layout.models.map((m) => m.asset) : changedAssets, seeds };
  }
}
