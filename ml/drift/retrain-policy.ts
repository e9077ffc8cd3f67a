/**
 * When to retrain, and when a retrained model may replace the one in service. Pure decisions: the
 * caller runs the training and the evaluation and tells the policy what happened.
 */
import type { TaskName } from '../window-set.ts';
import type { DriftReport } from './drift-monitor.ts';

/** Options of {@link RetrainPolicy}. */
export interface RetrainPolicyOptions {
  /** Retraining on drift at all (otherwise drift only raises alerts). Default false. */
  readonly enabled?: boolean;
  /** Simulated seconds after a retrain during which drift does not trigger another. Default 24 h. */
  readonly cooldownS?: number;
  /** Consecutive drifted checks needed, so one noisy check does not retrain. Default 1. */
  readonly consecutive?: number;
}

/** What to do after a drift check. */
export interface RetrainDecision {
  readonly alert: boolean;
  readonly retrain: boolean;
  readonly reason: string;
}

/** Decides on each drift report; remembers only its last retrain time and the drifted-check streak. */
export class RetrainPolicy {
  private lastRetrainS: number | undefined;
  private streak = 0;

  constructor(private readonly o: RetrainPolicyOptions = {}) {}

  /** The decision for one report. */
  decide(report: DriftReport): RetrainDecision {
    this.streak = report.drifted ? this.streak + 1 : 0;
    const drifted = report.features.filter((f) => f.drifted).map((f) => f.feature);
    if (!report.drifted) return { alert: false, retrain: false, reason: 'no drift' };
    const what = `drift in ${drifted.join(', ')}`;
    if (!this.o.enabled) return { alert: true, retrain: false, reason: `${what}; retraining disabled` };
    if (this.streak < (this.o.consecutive ?? 1)) return { alert: true, retrain: false, reason: `${what}; ${this.streak} of ${this.o.consecutive} checks` };
    const cooldownS = this.o.cooldownS ?? 24 * 3600;
    if (this.lastRetrainS !== undefined && report.tS - this.lastRetrainS < cooldownS) {
      return { alert: true, retrain: false, reason: `${what}; cooldown until t = ${this.lastRetrainS + cooldownS} s` };
    }
    return { alert: true, retrain: true, reason: what };
  }

  /** The caller started a retrain at simulated time `tS` (starts the cooldown). */
  retrained(tS: number): void {
    this.lastRetrainS = tS;
    this.streak = 0;
  }
}

/** Metrics of one model on one held-out set, identified by its fingerprint. */
export interface HeldOutScore {
  readonly dataset: string;
  readonly metrics: Readonly<Record<string, number>>;
}

/** The metric a task is judged on, and whether larger is better. */
export function primaryMetric(task: TaskName): { name: string; higherIsBetter: boolean } {
  return task === 'rul' || task === 'forecast' ? { name: 'rmse', higherIsBetter: false } : task === 'anomaly' ? { name: 'f1', higherIsBetter: true } : { name: 'roc_auc', higherIsBetter: true };
}

/**
 * A challenger replaces the champion only when both were scored on the same held-out data and the
 * challenger is better on the task's primary metric by at least `minImprovement` (absolute).
 */
export function shouldPromote(task: TaskName, champion: HeldOutScore | undefined, challenger: HeldOutScore, minImprovement = 0): { promote: boolean; reason: string } {
  const { name, higherIsBetter } = primaryMetric(task);
  const c = challenger.metrics[name];
  if (c === undefined || !Number.isFinite(c)) return { promote: false, reason: `challenger has no ${name}` };
  if (!champion) return { promote: true, reason: 'no champion yet' };
  if (champion.dataset !== challenger.dataset) return { promote: false, reason: `scored on different data (${champion.dataset} vs ${challenger.dataset})` };
  const b = champion.metrics[name];
  if (b === undefined || !Number.isFinite(b)) return { promote: true, reason: `champion has no ${name}` };
  const gain = higherIsBetter ? c - b : b - c;
  return gain > minImprovement
    ? { promote: true, reason: `${name} ${b.toFixed(4)} → ${c.toFixed(4)}` }
    : { promote: false, reason: `${name} ${c.toFixed(4)} does not beat the champion's ${b.toFixed(4)}` };
}
