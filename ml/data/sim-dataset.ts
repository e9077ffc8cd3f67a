/**
 * Labelled windows from recorded simulator runs, one builder per task. Inputs are the sensors of one
 * asset kind over W samples; labels come only from the ground truth at the window's end (RUL, active
 * faults) or from events strictly after it (failures, defects, future values), and a window whose
 * label horizon runs past the end of its run is dropped (its label is unknown, not 0).
 */
import { DEFECT_TYPES } from '../../physics/model.ts';
import type { WindowSet } from '../window-set.ts';
import type { SimRun } from './sim-record.ts';
import { anyIn, assetsOfKind, eventTimes, WindowCollector, writeWindow } from './sim-windows.ts';

/** Windows plus the longest look-ahead of their labels: the gap a time split must leave. */
export interface SimWindows {
  readonly windows: WindowSet;
  readonly horizonMs: number;
  readonly kind: string;
  /** Index of the run each window comes from (runs are independent: a split by run leaks nothing). */
  readonly run: Int32Array;
}

/** Common options: asset kind (machine profile or "line") and window length in samples. */
export interface SimWindowOptions {
  readonly kind: string;
  readonly windowSteps?: number;
}

/** Default window: 12 samples (2 h at the 10-min default sampling). */
export const SIM_WINDOW_STEPS = 12;
/** Default RUL cap in hours of the piecewise-linear target. */
export const SIM_RUL_CAP_H = 200;

type Labeller = (run: SimRun, a: ReturnType<typeof assetsOfKind>[number], end: number, life: Int32Array) => number[] | undefined;

function build(runs: readonly SimRun[], o: SimWindowOptions, targetNames: string[], horizonMs: number, label: Labeller, strideSteps = 1): SimWindows {
  const w = o.windowSteps ?? SIM_WINDOW_STEPS;
  if (!(Number.isInteger(strideSteps) && strideSteps >= 1)) throw new Error(`strideSteps must be a positive integer, got ${strideSteps}`);
  const first = runs[0];
  const layout = first ? assetsOfKind(first, o.kind)[0] : undefined;
  if (!first || !layout) throw new Error(`no assets of kind "${o.kind}" in the simulated plant`);
  const c = new WindowCollector(w * layout.names.length);
  let group = 0;
  const runOf: number[] = [];
  for (const run of runs) {
    for (const a of assetsOfKind(run, o.kind)) {
      const life = lives(run, a.assetIndex);
      // Window ends on a grid of `strideSteps` samples counted from the run start, so a finer sampling
      // with the matching stride ends windows at the same instants as the coarse one.
      for (let end = w - 1 + ((strideSteps - (w % strideSteps)) % strideSteps); end < run.samples; end += strideSteps) {
        // A window must not span a repair: its samples would mix two lives.
        if (life[end] !== life[end - w + 1]) continue;
        const y = label(run, a, end, life);
        if (!y) continue;
        c.add((x) => writeWindow(run, a.sensorCols, end, w, x, 0), y, group + life[end]!, run.timeMs[end]!);
        runOf.push(run.run);
      }
      group += 1 + (life[run.samples - 1] ?? 0);
    }
  }
  const arrays = c.build();
  const windows: WindowSet = { n: c.n, steps: w, features: layout.names.length, featureNames: layout.names, targets: targetNames.length, targetNames, ...arrays };
  return { windows, horizonMs, kind: o.kind, run: Int32Array.from(runOf) };
}

/** Life index of an asset at each sample: it grows when the true RUL jumps up (a repair renewed it). */
function lives(run: SimRun, a: number): Int32Array {
  const k = run.assets.length;
  const life = new Int32Array(run.samples);
  for (let s = 1; s < run.samples; s++) {
    const jump = run.rulH[s * k + a]! > run.rulH[(s - 1) * k + a]! + 1e-9;
    life[s] = life[s - 1]! + (jump ? 1 : 0);
  }
  return life;
}

/** Whether the asset had failed (RUL 0) at sample `s`. */
const failedAt = (run: SimRun, a: number, s: number) => run.rulH[s * run.assets.length + a] === 0;

/**
 * Machine RUL in hours from the truth at the window end, capped piecewise-linearly (group = one life).
 * Phase 'degrading' (default) labels only windows ending after the degradation onset (true health
 * below 1): before it, the remaining life is a Weibull draw no sensor shows, so it is not predictable
 * (as in C-MAPSS, where the cap stands for the healthy phase). Phase 'life' labels every finite RUL.
 */
export function simRulWindows(runs: readonly SimRun[], o: SimWindowOptions & { capH?: number; phase?: 'degrading' | 'life' }): SimWindows {
  const cap = o.capH ?? SIM_RUL_CAP_H;
  const degrading = (o.phase ?? 'degrading') === 'degrading';
  return build(runs, o, ['rul_h'], 0, (run, a, end) => {
    const at = end * run.assets.length + a.assetIndex;
    const rul = run.rulH[at]!;
    if (degrading && !(run.health[at]! < 1)) return undefined;
    return Number.isFinite(rul) && (end === 0 || !failedAt(run, a.assetIndex, end - 1)) ? [Math.min(cap, rul)] : undefined;
  });
}

/** 1 when the machine fails within `horizonH` after the window end. */
export function simFailureWindows(runs: readonly SimRun[], o: SimWindowOptions & { horizonH?: number }): SimWindows {
  const hS = (o.horizonH ?? 24) * 3600;
  const cache = new Map<string, Float64Array>();
  return build(runs, o, [`failure_${o.horizonH ?? 24}h`], hS * 1000, (run, a, end) => {
    if (failedAt(run, a.assetIndex, end)) return undefined;
    const key = `${run.run}:${a.asset}`;
    if (!cache.has(key)) cache.set(key, eventTimes(run, (e) => e.type === 'failure' && e.asset === a.asset));
    const t = run.tS[end]!;
    const fails = anyIn(cache.get(key)!, t, t + hS);
    return fails || t + hS <= run.tS[run.samples - 1]! ? [fails ? 1 : 0] : undefined;
  });
}

/** Default horizons of the defect task, hours. */
export const DEFECT_HORIZONS_H: readonly number[] = [1, 4, 24];

/** Options of the defect windows besides kind and length. */
export interface DefectWindowOptions {
  readonly horizonsH?: readonly number[];
  readonly causes?: 'any' | 'assignable';
  /**
   * A window ends every `strideSteps` samples (default 1: every sample). With runs sampled finer than
   * the default 600 s (the line's sensors sample every 1–60 s), a stride keeps the number of windows,
   * and so the training cost, that of the coarse sampling while each window sees the finer history.
   */
  readonly strideSteps?: number;
}

/**
 * Per line, per defect type and horizon h: 1 when ≥ 1 defect of that type follows within h hours
 * (multi-task). With `causes: 'assignable'`, only defects whose true causes include a process cause
 * (not only 'random') count: on the reference plant the random background alone gives ≈ 1.4–3.5
 * defects per type and hour, so P(≥ 1 of any cause within 1 h) ≥ 0.75 whatever the sensors show.
 */
export function simDefectWindows(runs: readonly SimRun[], o: Partial<SimWindowOptions> & DefectWindowOptions = {}): SimWindows {
  const assignableOnly = o.causes === 'assignable';
  const horizons = o.horizonsH ?? DEFECT_HORIZONS_H;
  const maxS = Math.max(...horizons) * 3600;
  const names = DEFECT_TYPES.flatMap((d) => horizons.map((h) => `${d}_${h}h`));
  const cache = new Map<string, Float64Array>();
  return build(runs, { ...o, kind: 'line' }, names, maxS * 1000, (run, a, end) => {
    const t = run.tS[end]!;
    if (t + maxS > run.tS[run.samples - 1]!) return undefined;
    return DEFECT_TYPES.flatMap((d) => {
      const key = `${run.run}:${a.asset}:${d}`;
      if (!cache.has(key)) cache.set(key, eventTimes(run, (e) => e.type === 'defect' && e.asset === a.asset && e.detail === d && (!assignableOnly || e.assignable === true)));
      return horizons.map((h) => (anyIn(cache.get(key)!, t, t + h * 3600) ? 1 : 0));
    });
  }, o.strideSteps);
}

/**
 * 1 while the asset has an active (injected or onset) fault or is failed at the window end; 0 = normal.
 * With `minLevel` > 0, machine windows whose fault has not yet degraded the machine by that much (true
 * health above 1 − minLevel: an exponential wear spends about half its course below 5 %) are dropped
 * as the grey zone no sensor can tell from normal, instead of being scored as missed anomalies.
 */
export function simAnomalyWindows(runs: readonly SimRun[], o: SimWindowOptions & { minLevel?: number }): SimWindows {
  const min = o.minLevel ?? 0;
  return build(runs, o, ['anomaly'], 0, (run, a, end) => {
    const at = end * run.assets.length + a.assetIndex;
    const y = run.faulty[at]!;
    return y === 1 && min > 0 && run.health[at]! > 1 - min ? undefined : [y];
  });
}

/** The next `horizonSteps` samples of the key sensors (default: the asset's first three). */
export function simForecastWindows(runs: readonly SimRun[], o: SimWindowOptions & { sensors?: readonly string[]; horizonSteps?: number }): SimWindows {
  const n = o.horizonSteps ?? 6;
  const first = runs[0] ? assetsOfKind(runs[0], o.kind)[0] : undefined;
  const keys = o.sensors ?? first?.names.slice(0, 3) ?? [];
  for (const s of keys) if (first && !first.names.includes(s)) throw new Error(`no sensor "${s}" on ${o.kind} (sensors: ${first.names.join(', ')})`);
  const names = keys.flatMap((s) => Array.from({ length: n }, (_, k) => `${s}_t+${k + 1}`));
  const stepMs = runs[0] && runs[0].samples > 1 ? runs[0].timeMs[1]! - runs[0].timeMs[0]! : 0;
  return build(runs, o, names, n * stepMs, (run, a, end) => {
    if (end + n >= run.samples) return undefined;
    const cols = keys.map((s) => a.sensorCols[a.names.indexOf(s)]!);
    return cols.flatMap((col) => Array.from({ length: n }, (_, k) => run.values[(end + 1 + k) * run.sensors.length + col]!));
  });
}
