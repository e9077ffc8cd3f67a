/**
 * One call from a scenario to a split dataset for a task: simulate the runs with what the task needs
 * (taskRunOptions), cut the task's windows, and split them by run (runs are independent simulations,
 * so nothing leaks between parts) or, with fewer than 3 runs, on time with a gap as long as the
 * labels' look-ahead (so no label of an earlier part peeks into a later part's time range).
 */
import type { Split, TaskName } from '../window-set.ts';
import { recordSimRuns, type SimRun, type SimRunOptions } from './sim-record.ts';
import { simAnomalyWindows, simDefectWindows, simFailureWindows, simForecastWindows, simRulWindows, type SimWindows } from './sim-dataset.ts';
import { machineKinds } from './sim-windows.ts';
import { seededRng, shuffleInPlace } from './rng.ts';
import { splitByTime, type SplitFractions } from './splits.ts';
import { selectWindows } from './window-ops.ts';

/** Task options on top of the run options; unset ones take each builder's defaults. */
export interface SimTaskOptions {
  /** Asset kind: a machine profile ("pump", "cnc") or "line"; default chosen from the runs (see defaultKind). */
  readonly kind?: string;
  readonly windowSteps?: number;
  readonly horizonH?: number;
  readonly capH?: number;
  readonly fractions?: SplitFractions;
  /** RUL: label only the visible degradation phase (default) or the whole life (see simRulWindows). */
  readonly phase?: 'degrading' | 'life';
  /** Defects: count every defect (default) or only those with an assignable (process) cause. */
  readonly causes?: 'any' | 'assignable';
  /** 'run' (default with ≥ 3 runs): whole runs per part; 'time': cut on time with a gap. */
  readonly splitBy?: 'run' | 'time';
  /** Anomaly: drop machine windows whose fault has degraded the machine by less than this (default 0: keep all). */
  readonly minLevel?: number;
  /** Defects: a window ends every this many samples (default 1); see DefectWindowOptions. */
  readonly strideSteps?: number;
  /** Seed of the run shuffle of a split by run. Default 0. */
  readonly splitSeed?: number;
}

/** A built simulator dataset. */
export interface SimDataset extends SimWindows {
  readonly split: Split;
  readonly runs: number;
}

/**
 * The kind a task defaults to: the defect task and forecasts use lines; failure and RUL the machine
 * kind with the most failures in the runs (the one with lives to learn from); anomaly the kind with
 * the most fault onsets.
 */
export function defaultKind(task: TaskName, runs: readonly SimRun[]): string {
  if (task === 'defects' || task === 'forecast') return 'line';
  const eventType = task === 'anomaly' ? 'fault_onset' : 'failure';
  const counts = new Map<string, number>();
  for (const run of runs) for (const e of run.events) {
    const kind = run.machineType.get(e.asset);
    if (kind && e.type === eventType) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const kinds = runs[0] ? machineKinds(runs[0]) : [];
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? kinds[0] ?? 'line';
}

/** The task's windows from recorded runs. */
export function simTaskWindows(task: TaskName, runs: readonly SimRun[], o: SimTaskOptions = {}): SimWindows {
  const kind = o.kind ?? defaultKind(task, runs);
  const base = { kind, ...(o.windowSteps !== undefined ? { windowSteps: o.windowSteps } : {}) };
  switch (task) {
    case 'rul': return simRulWindows(runs, { ...base, ...(o.capH !== undefined ? { capH: o.capH } : {}), ...(o.phase ? { phase: o.phase } : {}) });
    case 'failure': return simFailureWindows(runs, { ...base, ...(o.horizonH !== undefined ? { horizonH: o.horizonH } : {}) });
    case 'defects': return simDefectWindows(runs, { ...base, ...(o.horizonH !== undefined ? { horizonsH: [o.horizonH] } : {}), ...(o.causes ? { causes: o.causes } : {}), ...(o.strideSteps !== undefined ? { strideSteps: o.strideSteps } : {}) });
    case 'anomaly': return simAnomalyWindows(runs, { ...base, ...(o.minLevel !== undefined ? { minLevel: o.minLevel } : {}) });
    case 'forecast': return simForecastWindows(runs, base);
  }
}

/**
 * The run options a task needs unless the caller set them: defects get process excursions (6 per line
 * and day) so they have precursors; anomaly sets 6 injected faults per run; RUL and failure sets run
 * machine life cycles (an accelerated fault after each repair) on `kind`, or on every machine.
 */
export function taskRunOptions(task: TaskName, run: SimRunOptions, kind?: string): SimRunOptions {
  const machineKind = kind && kind !== 'line' ? [kind] : undefined;
  switch (task) {
    case 'defects': return { ...run, excursionsPerDay: run.excursionsPerDay ?? 6 };
    case 'anomaly': return { ...run, injectFaults: run.injectFaults ?? 6 };
    case 'rul':
    case 'failure': return { ...run, cycle: run.cycle ?? (machineKind ? { kinds: machineKind } : {}) };
    case 'forecast': return run;
  }
}

/** Whole runs to each part: runs shuffled by the seed, at least one per non-empty part. */
export function splitByRun(w: SimWindows, runs: number, f: SplitFractions, seed = 0): Split {
  const order = shuffleInPlace(Array.from({ length: runs }, (_, r) => r), seededRng(seed, 'sim-split'));
  const nTest = f.test > 0 ? Math.max(1, Math.round(f.test * runs)) : 0;
  const nVal = f.validation > 0 ? Math.max(1, Math.round(f.validation * runs)) : 0;
  if (nTest + nVal >= runs) throw new Error(`a split by run needs more than ${nTest + nVal} runs (got ${runs})`);
  const partOf = new Map(order.map((r, i) => [r, i < nTest ? 2 : i < nTest + nVal ? 1 : 0]));
  const idx: number[][] = [[], [], []];
  w.run.forEach((r, i) => idx[partOf.get(r) ?? 0]!.push(i));
  return { train: selectWindows(w.windows, idx[0]!), validation: selectWindows(w.windows, idx[1]!), test: selectWindows(w.windows, idx[2]!) };
}

/** Simulates (with the task's run options) and splits: by run with ≥ 3 runs, else on time with a gap of the horizon. */
export function buildSimDataset(task: TaskName, run: SimRunOptions, o: SimTaskOptions = {}): SimDataset {
  const runs = recordSimRuns(taskRunOptions(task, run, o.kind));
  const w = simTaskWindows(task, runs, o);
  if (w.windows.n === 0) throw new Error(`no labelled ${task} windows of kind "${w.kind}" in ${run.hours} h × ${runs.length} runs: simulate longer (--hours)`);
  const fractions = o.fractions ?? { validation: 0.15, test: 0.2 };
  const byRun = (o.splitBy ?? (runs.length >= 3 ? 'run' : 'time')) === 'run';
  const split = byRun ? splitByRun(w, runs.length, fractions, o.splitSeed) : splitByTime(w.windows, fractions, w.horizonMs);
  return { ...w, split, runs: runs.length };
}
