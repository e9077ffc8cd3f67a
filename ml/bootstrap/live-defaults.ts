/**
 * Default live models for a fresh install: per (kind, task) the LivePredictor needs, simulate the
 * scenario with what the task's labels need (live-recordings.ts: life cycles of the kind for RUL and
 * failure, injected faults for anomaly, process excursions for defects; shared where the options
 * coincide), cut its windows, train a small model and register it under (task, kind). The
 * first version of a key becomes champion (registry rule); a later one is promoted only when it beats
 * the champion on the same held-out windows (champion-check.ts).
 *
 * Features are the kind's sensors in layout order and windows are sampled every `sampleEveryS`
 * (600 s, LivePredictor's default) over `windowSteps` samples, so the models fit LivePredictor as is.
 *
 * @example
 * const { registered, skipped } = await trainLiveDefaults({ scenario: loadLibraryScenario('glass-plant'), registry: new ModelRegistry('models') });
 */
import { SIM_WINDOW_STEPS } from '../data/sim-dataset.ts';
import { liveTasksOf } from '../live/live-models.ts';
import type { LiveTask } from '../live/live-types.ts';
import { datasetFingerprint } from '../registry/fingerprint.ts';
import type { ModelRegistry } from '../registry/registry.ts';
import { initBackend } from '../tf/backend.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { judgeAgainstChampion } from './champion-check.ts';
import { LIVE_LABELS, liveData } from './live-data.ts';
import { liveRecordings, liveRunOptions } from './live-recordings.ts';
import { LIVE_TRAIN_OPTIONS, trainLiveJob, writeLiveJob } from './live-job.ts';
import { finiteMetrics } from './live-metrics.ts';
import { liveJobs, progressClock, type LiveProgress } from './live-plan.ts';

export type { LiveProgress } from './live-plan.ts';

/** What to train, on how much simulation, within what time. */
export interface LiveDefaultsOptions {
  readonly scenario: Scenario;
  readonly registry: ModelRegistry;
  /** Only these (kind, task) pairs; default every pair the scenario's kinds need. */
  readonly only?: readonly { kind: string; task: LiveTask }[];
  /**
   * Simulated hours per run (default 300) and runs (default 5, scenario seed + r). Five runs split by
   * run three / one / one; 300 h hold several accelerated lives per machine. Each distinct recording
   * costs about 4 ms per run-hour on 2 cores (≈ 7 s at the defaults), and the reference plant needs ten.
   */
  readonly hours?: number;
  readonly runs?: number;
  /** Seed of the simulation and of training (default the scenario's seed). */
  readonly seed?: number;
  /** Wall-clock budget of the whole set, seconds (default 180): each model gets a share of what is left. */
  readonly budgetS?: number;
  /** Epochs per model (default LIVE_TRAIN_OPTIONS.epochs). */
  readonly epochs?: number;
  /** Seconds between window samples (default 600, LivePredictor's `sampleEveryS`). */
  readonly sampleEveryS?: number;
  readonly windowSteps?: number;
  /** Windows kept for training (default 4000) and per held-out part (default 2000). */
  readonly maxTrainWindows?: number;
  readonly maxHeldOutWindows?: number;
  readonly onProgress?: (p: LiveProgress) => void;
}

/** One registered model; `champion` tells whether it is in service after this run. */
export interface LiveRegistered {
  kind: string;
  task: string;
  version: string;
  metrics: Record<string, number>;
  champion: boolean;
  /** Why it is (or is not) the champion. */
  decision: string;
}

/** The outcome of a run. */
export interface LiveDefaultsResult {
  registered: LiveRegistered[];
  skipped: { kind: string; task: string; reason: string }[];
}

/** Trains, registers and judges the live models of `opts.scenario`; see the file comment. */
export async function trainLiveDefaults(opts: LiveDefaultsOptions): Promise<LiveDefaultsResult> {
  const { scenario, registry } = opts;
  const hours = opts.hours ?? 300;
  const runCount = opts.runs ?? 5;
  const seed = opts.seed ?? scenario.seed;
  const sampleEveryS = opts.sampleEveryS ?? 600;
  const windowSteps = opts.windowSteps ?? SIM_WINDOW_STEPS;
  const jobs = liveJobs(scenario, opts.only);
  const clock = progressClock(jobs.length, opts.budgetS ?? 180, opts.onProgress);
  const result: LiveDefaultsResult = { registered: [], skipped: [] };
  if (jobs.length === 0) return result;
  await initBackend();

  const recordings = liveRecordings(jobs, { scenario, hours, runs: runCount, seed, sampleEveryS }, (_, j) =>
    clock.report('plant', 'simulate', 0, `simulating ${runCount} × ${hours} h of ${scenario.name} for ${j.kind}/${j.task}`));

  for (const [i, { kind, task }] of jobs.entries()) {
    const data = liveData(task, kind, recordings.runsFor({ kind, task }), { windowSteps, maxTrain: opts.maxTrainWindows ?? 4000, maxHeldOut: opts.maxHeldOutWindows ?? 2000 });
    if ('reason' in data) {
      result.skipped.push({ kind, task, reason: data.reason });
      clock.report(kind, task, 0, `skipped ${kind}/${task}: ${data.reason}`, true);
      continue;
    }
    const { split } = data;
    const train = { ...LIVE_TRAIN_OPTIONS, ...(opts.epochs === undefined ? {} : { epochs: opts.epochs }), seed: seed + i, maxMinutes: clock.shareS() / 60 };
    clock.report(kind, task, 0, `training ${kind}/${task} on ${split.train.n} windows`);
    let job;
    try {
      job = await trainLiveJob(task, split, train, (p) => clock.report(kind, task, p.epoch / p.epochs, `training ${kind}/${task}: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toPrecision(3)}`));
    } catch (err) {
      // One model that cannot train (a diverging loss, a backend error) must not cost the others.
      const reason = `training failed: ${(err as Error).message}`;
      result.skipped.push({ kind, task, reason });
      clock.report(kind, task, 0, `skipped ${kind}/${task}: ${reason}`, true);
      continue;
    }
    try {
      const metrics = finiteMetrics(job.metrics);
      const { scenario: _scenario, ...simulation } = liveRunOptions({ kind, task }, { scenario, hours, runs: runCount, seed, sampleEveryS });
      const hyperparameters = { ...train, scenario: scenario.name, hours, runs: runCount, simSeed: seed, sampleEveryS, windowSteps, trainWindows: split.train.n, simulation, labels: LIVE_LABELS[task] };
      const fingerprint = datasetFingerprint(split.train, split.validation, split.test);
      const key = { task, kind };
      // Judge before registering: registering the first version makes it champion by itself.
      const heldOut = split.test.n > 0 ? split.test : split.validation;
      const first = registry.index(key).champion === undefined;
      const verdict = first ? { promote: false, reason: 'first version of its (task, kind)' } : await judgeAgainstChampion(registry, task, kind, heldOut, job.metrics);
      const v = await registry.register(key, { name: `${task}-${kind}`, datasetFingerprint: fingerprint, hyperparameters, metrics }, (dir) =>
        writeLiveJob(dir, task, job, split, { scenario: scenario.name, kind, windowSteps }, { hyperparameters, datasetFingerprint: fingerprint }));
      if (verdict.promote && registry.index(key).champion !== v.version) registry.promote(key, v.version);
      const champion = registry.index(key).champion === v.version;
      result.registered.push({ kind, task, version: v.version, metrics, champion, decision: verdict.reason });
      clock.report(kind, task, 0, `registered ${kind}/${task} ${v.version}${champion ? ' (champion)' : ' (challenger)'}`, true);
    } finally {
      job.model.dispose();
    }
  }
  return result;
}
