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
  /**
   * "For this long, then back": at `atS + durationS` the setpoint returns to the target it had just
   * before this step in the branch. Absent: the change stays. On the tick grid; the revert lies
   * before the horizon, and no other step of the same setpoint falls within [atS, atS + durationS].
   */
  readonly durationS?: number;
}

/** A planned maintenance job on a machine, `atS` seconds after the fork (the machine is renewed then: wear redrawn, a failure cleared). */
export interface MaintenanceStep {
  /** Seconds after the fork, on the plant's tick grid, within [0, horizon). */
  readonly atS: number;
  readonly asset: string;
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
  /**
   * Assets simulated and metered besides those the steps touch: an optimizer scoring "hold" (no
   * step) against its plans on the same line. Unknown ids are a RangeError.
   */
  readonly cover?: readonly string[];
  /**
   * Maintenance jobs the changed branch does (a maintenance schedule checked on the twin); the
   * baseline does none. Their machines are simulated and metered like those of the steps.
   */
  readonly maintenance?: readonly MaintenanceStep[];
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
    if (s.durationS !== undefined) durationProblem(plan, layout, i);
  });
  return plan.steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.atS - b.s.atS || a.i - b.i).map(({ s }) => s);
}

function durationProblem(plan: LookaheadPlan, layout: PlantLayout, i: number): void {
  const s = plan.steps[i]!;
  const d = s.durationS!;
  if (!(Number.isFinite(d) && d > 0)) throw new RangeError(`steps[${i}]: durationS must be more than 0 s, got ${d}`);
  if (!onGrid(d, layout.stepS)) throw new RangeError(`steps[${i}]: durationS ${d} s is not on the plant's ${layout.stepS} s tick grid`);
  const backS = s.atS + d;
  if (backS >= plan.horizonS) throw new RangeError(`steps[${i}]: the revert at ${backS} s (atS + durationS) must lie before the horizon (${plan.horizonS} s)`);
  // Another change of the same setpoint inside the window would make "back" ambiguous.
  const j = plan.steps.findIndex((o, k) => k !== i && o.setpoint === s.setpoint && o.atS >= s.atS && o.atS <= backS);
  if (j >= 0) throw new RangeError(`steps[${i}]: ${s.setpoint} changes again (steps[${j}] at ${plan.steps[j]!.atS} s) before it returns at ${backS} s`);
}

/**
 * The plan's maintenance jobs in time order, checked against the plant: a machine of the plant, a
 * time within [0, horizon) on its tick grid. Throws a RangeError naming the job.
 */
export function orderedMaintenance(plan: LookaheadPlan, layout: PlantLayout): MaintenanceStep[] {
  const jobs = plan.maintenance ?? [];
  jobs.forEach((m, i) => {
    const k = layout.assetIndex.get(m.asset);
    if (k === undefined || layout.models[k]!.kind === 'line') throw new RangeError(`maintenance[${i}]: "${m.asset}" is not a machine of the plant`);
    if (!(Number.isFinite(m.atS) && m.atS >= 0 && m.atS < plan.horizonS)) throw new RangeError(`maintenance[${i}]: atS must be within [0, ${plan.horizonS}) s, got ${m.atS}`);
    if (!onGrid(m.atS, layout.stepS)) throw new RangeError(`maintenance[${i}]: atS ${m.atS} s is not on the plant's ${layout.stepS} s tick grid`);
  });
  return [...jobs].sort((a, b) => a.atS - b.atS);
}

/** One thing a branch does at `atS`: set a value, or return a setpoint to what it was before step `revertOf`. */
export type TimelineEvent =
  | { readonly atS: number; readonly setpoint: string; readonly value: number; readonly id: number; readonly revertOf?: undefined }
  | { readonly atS: number; readonly setpoint: string; readonly value?: undefined; readonly id?: undefined; readonly revertOf: number };

/**
 * The ordered steps with their reverts interleaved, in time order (a revert before a set at the same
 * time, then the given order). `id` numbers the steps; a revert names the step it undoes.
 * @example timeline([{ atS: 0, setpoint: 'p.load', value: 90, durationS: 7200 }]) → set at 0, revertOf 0 at 7200
 */
export function timeline(steps: readonly PlanStep[]): TimelineEvent[] {
  const events: { e: TimelineEvent; order: number }[] = [];
  steps.forEach((s, id) => {
    events.push({ e: { atS: s.atS, setpoint: s.setpoint, value: s.value, id }, order: 1 });
    if (s.durationS !== undefined) events.push({ e: { atS: s.atS + s.durationS, setpoint: s.setpoint, revertOf: id }, order: 0 });
  });
  return events
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => a.e.atS - b.e.atS || a.order - b.order || a.i - b.i)
    .map((x) => x.e);
}

/** The assets whose setpoints the plan changes or whose machines it maintains, in plant order. */
export function planAssets(plan: LookaheadPlan, layout: PlantLayout): string[] {
  const touched = new Set(plan.steps.map((s) => layout.setpoints[layout.setpointIndex.get(s.setpoint)!]?.asset));
  for (const m of plan.maintenance ?? []) touched.add(m.asset);
  for (const a of plan.cover ?? []) {
    if (!layout.models.some((m) => m.asset === a)) throw new RangeError(`cover: unknown asset "${a}"`);
    touched.add(a);
  }
  return layout.models.map((m) => m.asset).filter((a) => touched.has(a));
}
