/**
 * What a look-ahead runs: a timed plan of setpoint changes over a horizon, for a list of seeds.
 * No Scenario is needed to express one, so an optimizer can try hundreds of plans on one plant.
 */
import type { PlantLayout } from '../engine/layout.ts';

/** One setpoint change, `atS` seconds after the fork. */
export interface PlanStep {
  /** Seconds after the fork; 0 = before the first tick. Must lie on the plant's tick grid. */
  readonly atS: number;
  readonly setpoint: string;
  readonly value: number;
}

/** Which assets the metrics cover: those whose setpoints the plan changes, or the whole plant. */
export type LookaheadScope = 'affected' | 'plant';

/**
 * Baseline (no change) and changed branch (the steps) per seed, `horizonS` from the fork, at a
 * coarse `stepS`.
 * @example { steps: [{ atS: 0, setpoint: 'Line_A.furnace_temp', value: 1420 }], horizonS: 14_400, stepS: 10, seeds: [1, 2], scope: 'affected' }
 */
export interface LookaheadPlan {
  readonly steps: readonly PlanStep[];
  readonly horizonS: number;
  /** The look-ahead step, s; the plant's own step where the branch must land between grid points. */
  readonly stepS: number;
  readonly seeds: readonly number[];
  readonly scope: LookaheadScope;
}

/** The changes applied now: the plan of an "apply these setpoints and look ahead" request. */
export function changesNow(changes: readonly { readonly setpoint: string; readonly value: number }[]): PlanStep[] {
  return changes.map((c) => ({ atS: 0, setpoint: c.setpoint, value: c.value }));
}

const onGrid = (tS: number, stepS: number) => Math.abs(tS / stepS - Math.round(tS / stepS)) < 1e-9;

/**
 * The steps in time order (stable for equal times), checked against the plant: known setpoints, a
 * time within [0, horizon) on the plant's tick grid. Throws a RangeError naming the step.
 */
export function orderedSteps(plan: LookaheadPlan, layout: PlantLayout): PlanStep[] {
  plan.steps.forEach((s, i) => {
    if (!layout.setpointIndex.has(s.setpoint)) throw new RangeError(`steps[${i}]: unknown setpoint "${s.setpoint}"`);
    if (!(Number.isFinite(s.atS) && s.atS >= 0 && s.atS < plan.horizonS)) throw new RangeError(`steps[${i}]: atS must be within [0, ${plan.horizonS}) s, got ${s.atS}`);
    if (!onGrid(s.atS, layout.stepS)) throw new RangeError(`steps[${i}]: atS ${s.atS} s is not on the plant's ${layout.stepS} s tick grid`);
  });
  return plan.steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.atS - b.s.atS || a.i - b.i).map(({ s }) => s);
}

/** The assets whose setpoints the plan changes, in plant order. */
export function planAssets(plan: LookaheadPlan, layout: PlantLayout): string[] {
  const touched = new Set(plan.steps.map((s) => layout.setpoints[layout.setpointIndex.get(s.setpoint)!]?.asset));
  return layout.models.map((m) => m.asset).filter((a) => touched.has(a));
}
