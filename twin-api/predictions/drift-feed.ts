import type { Subscription } from 'rxjs';
import type { TwinEngine } from '../../engine/engine.ts';
import { DEFAULT_DRIFT_THRESHOLDS, DriftMonitor, type DriftReport } from '../../ml/drift/drift-monitor.ts';
import { RetrainPolicy, type RetrainPolicyOptions } from '../../ml/drift/retrain-policy.ts';
import type { LiveTask } from '../../ml/live/live-types.ts';
import { modelInputColumns } from '../../ml/live/model-inputs.ts';
import type { AlertEngine } from '../../monitor/alerts/alert-engine.ts';

/** The training distribution of a model's inputs (ml/live loadDriftReference). */
export interface DriftReference {
  readonly featureNames: readonly string[];
  readonly columns: readonly ArrayLike<number>[];
}

/** A model to watch: its kind's assets feed it, its reference is what it was trained on. */
export interface WatchedModel {
  readonly kind: string;
  readonly task: LiveTask;
  readonly reference: DriftReference;
}

export interface DriftFeedOptions {
  /** Asset → kind. */
  readonly kinds: ReadonlyMap<string, string>;
  /** Drift reports become model_drift alerts (the alert engine's drift hook; its changes$ publishes them). */
  readonly alerts?: Pick<AlertEngine, 'reportDrift'> | null;
  /** Starts a retrain of one model (ModelService.retrain); absent: drift only raises alerts. */
  readonly retrain?: (kind: string, task: LiveTask) => void;
  readonly policy?: RetrainPolicyOptions;
  /** Simulated seconds between samples fed to the monitors (default 600, the live models' sampling). */
  readonly sampleEveryS?: number;
  /**
   * Simulated seconds between checks (default 24 h): a shorter window sees only part of the daily
   * ambient cycle, and every temperature would read as drifted at night.
   */
  readonly checkEveryS?: number;
  /** Simulated seconds after the start whose samples are left out (default 6 h): a cold start is not drift. */
  readonly warmupS?: number;
  readonly minSamples?: number;
  readonly log?: (msg: string) => void;
}

/** Whether the drift monitor runs: every model in service watched, or why not (GET /api/health `monitors.drift`). */
export interface DriftFeedStatus {
  readonly state: 'watching' | 'off';
  /** Models watched, as kind/task. */
  readonly models: readonly string[];
  /** Why some or all models in service are not watched; absent when all are. */
  readonly reason?: string;
}

interface Watch {
  readonly model: WatchedModel;
  readonly monitor: DriftMonitor;
  readonly policy: RetrainPolicy;
  /** Per asset of the kind, the sensor indexes of the reference's features. */
  readonly cols: Int32Array[];
  last: DriftReport | null;
}

/**
 * Watches the inputs of the models in service for drift on a schedule of simulated time: every
 * sample, each asset's sensor values go to its models' monitors (PSI and KS against the training
 * reference, ml/drift); a drifted check raises (and a clean one clears) a `model_drift` alert and,
 * when the retrain policy allows, starts a retrain with a cooldown.
 */
export class DriftFeed {
  private watches: Watch[] = [];
  private unwatched: string[] = ['no model in service yet'];
  private readonly sub: Subscription;
  private nextSampleS = -Infinity;

  constructor(
    private readonly engine: TwinEngine,
    private readonly opts: DriftFeedOptions,
  ) {
    this.sub = engine.frames$.subscribe((f) => {
      if (f.tS < this.nextSampleS || f.tS < (opts.warmupS ?? 6 * 3600)) return;
      this.nextSampleS = f.tS + (opts.sampleEveryS ?? 600);
      for (const w of this.watches) {
        for (const cols of w.cols) {
          const row = Array.from(cols, (k) => f.values[k]!);
          const report = w.monitor.observe(f.tS, row);
          if (report) this.onReport(w, report);
        }
      }
    });
  }

  /**
   * Replaces the watched models (after a reload of the models in service). A model whose inputs are
   * not sensors of its assets is left out and named in `status()`; `notWatched` are models in service
   * that cannot be watched for another reason (no training reference), with that reason.
   */
  watch(models: readonly WatchedModel[], notWatched: readonly string[] = []): void {
    const layout = this.engine.layout;
    const unwatched = [...notWatched];
    const watches: Watch[] = [];
    for (const model of models) {
      const assets = [...this.opts.kinds].filter(([, k]) => k === model.kind).map(([a]) => a);
      try {
        const cols = assets.map((a) => modelInputColumns(layout, a, model.reference.featureNames));
        watches.push({
          model,
          cols,
          last: null,
          policy: new RetrainPolicy(this.opts.policy),
          monitor: new DriftMonitor(model.reference, { everyS: this.opts.checkEveryS ?? 24 * 3600, minSamples: this.opts.minSamples ?? 200 }),
        });
      } catch (err) {
        unwatched.push(`${model.kind}/${model.task}: ${(err as Error).message}`);
      }
    }
    if (watches.length === 0 && unwatched.length === 0) unwatched.push('no model in service');
    this.watches = watches;
    this.unwatched = unwatched;
    for (const u of unwatched) this.opts.log?.(`drift: not watching ${u}`);
  }

  /** 'watching' when every model in service is watched; otherwise 'off', with the reason of each left out. */
  status(): DriftFeedStatus {
    const models = this.watches.map((w) => `${w.model.kind}/${w.model.task}`);
    return this.unwatched.length === 0 ? { state: 'watching', models } : { state: 'off', models, reason: this.unwatched.join('; ') };
  }

  /** The latest check of every watched model, for the models API. */
  reports(): { kind: string; task: LiveTask; report: DriftReport | null }[] {
    return this.watches.map((w) => ({ kind: w.model.kind, task: w.model.task, report: w.last }));
  }

  close(): void {
    this.sub.unsubscribe();
  }

  private onReport(w: Watch, report: DriftReport): void {
    w.last = report;
    const name = `${w.model.kind}/${w.model.task}`;
    const drifted = report.features.filter((x) => x.drifted).sort((a, b) => b.psi - a.psi);
    const worstPsi = Math.max(0, ...report.features.map((x) => x.psi));
    const tIso = new Date(this.engine.startMs + report.tS * 1000).toISOString();
    this.opts.alerts?.reportDrift(name, report.drifted, worstPsi, DEFAULT_DRIFT_THRESHOLDS.psi, drifted.map((x) => x.feature), tIso);
    const decision = w.policy.decide(report);
    if (report.drifted) this.opts.log?.(`drift: ${name}: ${decision.reason}`);
    if (decision.retrain && this.opts.retrain) {
      try {
        this.opts.retrain(w.model.kind, w.model.task);
        w.policy.retrained(report.tS);
      } catch (err) {
        this.opts.log?.(`drift: ${name}: retrain not started: ${(err as Error).message}`);
      }
    }
  }
}
