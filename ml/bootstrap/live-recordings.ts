/**
 * The simulator recordings of a set of live jobs: each (kind, task) records with what its labels need
 * (taskRunOptions: life cycles of the kind for RUL and failure, injected faults for anomaly, process
 * excursions for defects; see liveRunOptions). Jobs whose run options coincide share one recording (RUL and failure of a
 * kind; anomaly of every kind), and a recording is dropped once no job left needs it, so at most a
 * couple are in memory at a time.
 */
import { recordSimRuns, type SimRun, type SimRunOptions } from '../data/sim-record.ts';
import { taskRunOptions } from '../data/sim-task.ts';
import type { LiveTask } from '../live/live-types.ts';

type Job = { readonly kind: string; readonly task: LiveTask };

/** Simulated hours per injected fault and asset in the anomaly recording. */
const FAULT_EVERY_ASSET_H = 150;

/**
 * The run options of a job: taskRunOptions, except that anomaly injects one fault per asset every
 * 150 h, and at least one per asset, instead of 6 per run. A split by run tests on one whole run, and with 6 faults spread over
 * the reference plant's 29 assets, kinds of two or three machines often get none in it (nothing to
 * score), while a fault lasts only until the accelerated wear fails the machine, so normal windows
 * still make most of every kind's data.
 */
export function liveRunOptions(job: Job, base: SimRunOptions): SimRunOptions {
  if (job.task !== 'anomaly' || base.injectFaults !== undefined) return taskRunOptions(job.task, base, job.kind);
  const assets = base.scenario.machines.length + base.scenario.lines.length;
  return taskRunOptions(job.task, { ...base, injectFaults: Math.max(assets, Math.round((assets * base.hours) / FAULT_EVERY_ASSET_H)) }, job.kind);
}

/** Lazily recorded, shared runs for `jobs`; `onRecord` hears of each recording before it starts. */
export function liveRecordings(jobs: readonly Job[], base: SimRunOptions, onRecord: (o: SimRunOptions, job: Job) => void = () => {}) {
  const optionsOf = (j: Job) => liveRunOptions(j, base);
  const keyOf = (j: Job) => recordingKey(optionsOf(j));
  const users = new Map<string, number>();
  for (const j of jobs) users.set(keyOf(j), (users.get(keyOf(j)) ?? 0) + 1);
  const cache = new Map<string, SimRun[]>();
  return {
    /** The runs of `job` (recorded now unless an earlier job's options were the same). Call once per job. */
    runsFor(job: Job): SimRun[] {
      const key = keyOf(job);
      let runs = cache.get(key);
      if (runs === undefined) {
        const o = optionsOf(job);
        onRecord(o, job);
        runs = recordSimRuns(o);
        cache.set(key, runs);
      }
      const left = (users.get(key) ?? 1) - 1;
      users.set(key, left);
      if (left <= 0) cache.delete(key); // the caller holds the runs while it cuts its windows
      return runs;
    },
    /** How many distinct recordings the jobs need. */
    get recordings(): number {
      return users.size;
    },
  };
}

/** What tells two recordings apart: every run option but the scenario (the same object for all jobs). */
export function recordingKey(o: SimRunOptions): string {
  const { scenario: _scenario, ...rest } = o;
  return JSON.stringify(canonical(rest));
}

/** The value with object keys sorted at every depth, so equal options stringify equally. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]));
}
