/**
 * The held-out-ready data of one live model: the (kind, task) windows cut from recorded simulator runs
 * (ml/data/sim-task.ts) with the labels bench/ml.ts scores, split by run (runs are independent
 * simulations, so no part leaks into another) or, with fewer than 3 runs, on time with a gap of the
 * labels' look-ahead; thinned to a size that trains in seconds, and checked for labels a model can learn from.
 */
import type { SimRun } from '../data/sim-record.ts';
import { simTaskWindows, splitByRun, type SimTaskOptions } from '../data/sim-task.ts';
import { splitByTime } from '../data/splits.ts';
import { selectWindows } from '../data/window-ops.ts';
import type { LiveTask } from '../live/live-types.ts';
import type { Split, WindowSet } from '../window-set.ts';

/** Look-ahead of the classification labels, hours: failure within a day; defects within the hour (longer horizons are almost always positive on the reference plant). */
export const LIVE_HORIZON_H: Readonly<Partial<Record<LiveTask, number>>> = { failure: 24, defects: 1 };
/**
 * RUL cap of the training target, hours: bench/ml.ts's 20 h. Lives are cycled by accelerated wear
 * (sim-task.ts taskRunOptions), so the visible degradation phase lasts tens of hours; a 200 h cap
 * would be a target no window ever reaches.
 */
export const LIVE_RUL_CAP_H = 20;
/**
 * Label options per task, as bench/ml.ts scores them: defects with an assignable (process) cause only
 * (the random background makes "any defect within 1 h" ≥ 75 % likely whatever the sensors show);
 * anomaly without the grey zone of faults not yet 5 % degraded; RUL in the visible degradation phase
 * (simRulWindows' default) under the cap above.
 */
export const LIVE_LABELS: Readonly<Record<LiveTask, SimTaskOptions>> = {
  rul: { capH: LIVE_RUL_CAP_H },
  failure: { horizonH: LIVE_HORIZON_H.failure! },
  defects: { horizonH: LIVE_HORIZON_H.defects!, causes: 'assignable' },
  anomaly: { minLevel: 0.05 },
};
/** Held-out shares: with 5 runs, one run each for validation and test. */
const FRACTIONS = { validation: 0.15, test: 0.2 };
/** Below this many labelled windows a class is not learnable. */
const MIN_WINDOWS = 20;

/** How much data a live model gets. */
export interface LiveDataOptions {
  readonly windowSteps: number;
  /** Most windows kept per part: train, then validation and test each. */
  readonly maxTrain: number;
  readonly maxHeldOut: number;
}

/** The split of a (kind, task), or why it cannot be trained. */
export type LiveData = { readonly split: Split; readonly windowSteps: number } | { readonly reason: string };

/** Windows of `kind` for `task` from the runs (recorded with taskRunOptions), split by run (≥ 3 runs) or on time. */
export function liveData(task: LiveTask, kind: string, runs: readonly SimRun[], o: LiveDataOptions): LiveData {
  let w;
  try {
    w = simTaskWindows(task, runs, { kind, windowSteps: o.windowSteps, ...LIVE_LABELS[task] });
  } catch (err) {
    return { reason: (err as Error).message };
  }
  if (w.windows.n === 0) return { reason: `no labelled windows` };
  const raw = runs.length >= 3 ? splitByRun(w, runs.length, FRACTIONS) : splitByTime(w.windows, FRACTIONS, w.horizonMs);
  const split = { train: thin(raw.train, o.maxTrain), validation: thin(raw.validation, o.maxHeldOut), test: thin(raw.test, o.maxHeldOut) };
  const reason = unusable(task, kind, split.train);
  return reason === undefined ? { split, windowSteps: o.windowSteps } : { reason };
}

/** Why the training part cannot teach the task, if it cannot. */
function unusable(task: LiveTask, kind: string, train: WindowSet): string | undefined {
  if (train.n < MIN_WINDOWS) return `only ${train.n} training windows`;
  const counts = Array.from({ length: train.targets }, () => 0);
  for (let i = 0; i < train.y.length; i++) if (train.y[i]! > 0) counts[i % train.targets]! += 1;
  if (task === 'rul') {
    // A target stuck at the cap means no wear was seen: the model could only learn a constant.
    let below = 0;
    for (const v of train.y) if (v < LIVE_RUL_CAP_H - 1e-6) below++;
    return below < MIN_WINDOWS ? `no ${kind} wore below the ${LIVE_RUL_CAP_H} h RUL cap in the simulated hours` : undefined;
  }
  if (task === 'anomaly') return train.n - counts[0]! < MIN_WINDOWS ? `fewer than ${MIN_WINDOWS} normal ${kind} windows to learn from` : undefined;
  const learnable = counts.filter((c) => c >= 1 && c <= train.n - 1).length;
  if (task === 'failure' && counts[0]! === 0) return `no ${kind} failed within ${LIVE_HORIZON_H.failure} h of a training window in the simulated hours`;
  return learnable === 0 ? `no ${task} target of ${kind} has both outcomes in the training part` : undefined;
}

/** Every k-th window so at most `max` remain (deterministic; keeps the time order). */
export function thin(ws: WindowSet, max: number): WindowSet {
  if (ws.n <= max) return ws;
  const step = ws.n / max;
  return selectWindows(ws, Int32Array.from({ length: max }, (_, i) => Math.floor(i * step)));
}
