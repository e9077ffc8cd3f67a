/**
 * Which live models a scenario needs, and the progress of training them: jobs done, the share of the
 * time budget each remaining job gets, and an ETA from the pace so far.
 */
import type { Scenario } from '../../scenarios/types.ts';
import { assetKinds, liveTasksOf } from '../live/live-models.ts';
import type { LiveTask } from '../live/live-types.ts';

/** One progress report. While simulating, kind is "plant" and task "simulate". */
export interface LiveProgress {
  kind: string;
  task: string;
  /** Models finished (trained or skipped) of `total`. */
  done: number;
  total: number;
  /** Seconds left at the pace so far; null before the first model has started training. */
  etaS: number | null;
  message: string;
}

/** The (kind, task) pairs to train: every pair the scenario's kinds need (machine kinds by name, then "line"), or `only` checked against them. */
export function liveJobs(scenario: Scenario, only?: readonly { kind: string; task: LiveTask }[]): { kind: string; task: LiveTask }[] {
  const kinds = [...new Set(assetKinds(scenario).values())].sort((a, b) => (a === 'line' ? 1 : b === 'line' ? -1 : a.localeCompare(b)));
  const all = kinds.flatMap((kind) => liveTasksOf(kind).map((task) => ({ kind, task })));
  if (only === undefined) return all;
  for (const o of only) {
    if (!kinds.includes(o.kind)) throw new Error(`no assets of kind "${o.kind}" in scenario ${scenario.name} (kinds: ${kinds.join(', ')})`);
    if (!liveTasksOf(o.kind).includes(o.task)) throw new Error(`kind ${o.kind} has no live task "${o.task}" (tasks: ${liveTasksOf(o.kind).join(', ')})`);
  }
  return all.filter((j) => only.some((o) => o.kind === j.kind && o.task === j.task));
}

/** Progress bookkeeping of a run of `total` jobs within `budgetS` seconds. */
export function progressClock(total: number, budgetS: number, onProgress?: (p: LiveProgress) => void, nowMs: () => number = Date.now) {
  const startMs = nowMs();
  let trainStartMs: number | undefined;
  let done = 0;
  return {
    /** Reports `frac` of the current job done (or the job `finished`). */
    report(kind: string, task: string, frac: number, message: string, finished = false): void {
      if (finished) done++;
      if (kind !== 'plant') trainStartMs ??= nowMs();
      const progress = done + (finished ? 0 : Math.min(1, frac));
      const elapsedS = trainStartMs === undefined ? 0 : (nowMs() - trainStartMs) / 1000;
      const etaS = progress > 0 && trainStartMs !== undefined ? Math.round((elapsedS / progress) * (total - progress)) : null;
      onProgress?.({ kind, task, done, total, etaS, message });
    },
    /** Seconds the next job may take: what is left of the budget over the jobs left (at least 2 s). */
    shareS(): number {
      const leftS = budgetS - (nowMs() - startMs) / 1000;
      return Math.max(2, leftS / Math.max(1, total - done));
    },
  };
}
