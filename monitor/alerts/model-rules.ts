import type { AlertSettings } from './alert-settings-schema.ts';
import type { ModelRule } from './model-rule-tracker.ts';

/** One asset's live model output, as the alert engine reads it; a task is absent when its model is not ready. */
export interface PredictionReport {
  readonly asset: string;
  /** ISO 8601 simulated time of the sample the predictions were made on. */
  readonly tIso: string;
  /** Probability of failure within `horizonH` hours (the model's horizon). */
  readonly failureRisk?: { readonly probability: number; readonly horizonH?: number; readonly contributors: readonly string[] };
  /**
   * Remaining useful life, hours. `censored`: the model answered "at least `hours`" (its training
   * target's cap, ml/live/rul-answer.ts), which says no failure is in sight.
   */
  readonly rul?: { readonly hours: number; readonly censored: boolean; readonly contributors: readonly string[] };
  /** Reconstruction error over the model's own threshold (> 1: anomalous). */
  readonly anomaly?: { readonly score: number; readonly contributors: readonly string[] };
}

/** The anomaly rule of the settings. */
export function anomalyRule(s: AlertSettings): ModelRule {
  const a = s.anomaly;
  return { rule: 'anomaly', direction: 'above', raise: a.raiseAbove, escalate: a.escalateAbove, clear: a.clearBelow, ...shared(a) };
}

/** The failure-risk rule of the settings. */
export function failureRiskRule(s: AlertSettings): ModelRule {
  const f = s.failureRisk;
  return { rule: 'predicted_failure', direction: 'above', raise: f.raiseAbove, escalate: f.escalateAbove, clear: f.clearBelow, ...shared(f) };
}

/** The low-RUL rule of the settings. */
export function lowRulRule(s: AlertSettings): ModelRule {
  const r = s.rul;
  return { rule: 'low_rul', direction: 'below', raise: r.raiseBelowH, escalate: r.escalateBelowH, clear: r.clearAboveH, ...shared(r) };
}

/**
 * A censored RUL ("at least the cap": every healthy window's target was capped) says no failure is
 * in sight, not that one is the cap's hours away: it is read as infinitely far, never low, and it
 * counts towards clearing.
 */
export function rulForAlerts(rul: NonNullable<PredictionReport['rul']>): number {
  return rul.censored ? Infinity : rul.hours;
}

function shared(r: AlertSettings['anomaly' | 'failureRisk' | 'rul']) {
  return { leadTimeMs: r.leadTimeS * 1000, clearReports: r.clearReports, severity: r.severity, escalatedSeverity: r.escalatedSeverity };
}
