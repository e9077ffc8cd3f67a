/**
 * One call from a scenario to a split dataset for a task: simulate the runs, cut the task's windows,
 * split on time with a gap as long as the labels' look-ahead (so no label of an earlier part peeks into
 * a later part's time range).
 */
import type { Split, TaskName } from '../window-set.ts';
import { recordSimRuns, type SimRun, type SimRunOptions } from './sim-record.ts';
import { simAnomalyWindows, simDefectWindows, simFailureWindows, simForecastWindows, simRulWindows, type SimWindows } from './sim-dataset.ts';
import { machineKinds } from './sim-windows.ts';
import { splitByTime, type SplitFractions } from './splits.ts';

/** Task options on top of the run options; unset ones take each builder's defaults. */
export interface SimTaskOptions {
  /** Asset kind: a machine profile ("pump", "cnc") or "line"; default chosen from the runs (see defaultKind). */
  readonly kind?: string;
  readonly windowSteps?: number;
  readonly horizonH?: number;
  readonly capH?: number;
  readonly fractions?: SplitFractions;
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
    case 'rul': return simRulWindows(runs, { ...base, ...(o.capH !== undefined ? { capH: o.capH } : {}) });
    case 'failure': return simFailureWindows(runs, { ...base, ...(o.horizonH !== undefined ? { horizonH: o.horizonH } : {}) });
    case 'defects': return simDefectWindows(runs, { ...base, ...(o.horizonH !== undefined ? { horizonsH: [o.horizonH] } : {}) });
    case 'anomaly': return simAnomalyWindows(runs, base);
    case 'forecast': return simForecastWindows(runs, base);
  }
}

/** Simulates and splits: train, then validation, then test in time, each cut followed by a gap of the horizon. */
export function buildSimDataset(task: TaskName, run: SimRunOptions, o: SimTaskOptions = {}): SimDataset {
  const injectFaults = run.injectFaults ?? (task === 'anomaly' ? 6 : 0);
  const runs = recordSimRuns({ ...run, injectFaults });
  const w = simTaskWindows(task, runs, o);
  if (w.windows.n === 0) throw new Error(`no labelled ${task} windows of kind "${w.kind}" in ${run.hours} h × ${runs.length} runs: simulate longer (--hours)`);
  const split = splitByTime(w.windows, o.fractions ?? { validation: 0.15, test: 0.2 }, w.horizonMs);
  return { ...w, split, runs: runs.length };
}
