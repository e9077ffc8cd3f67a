/**
 * The alert domain: severities, states and the alert as plain data. Defined once here; protocol/
 * carries the same shapes on the wire and twin-api/protocol-conformance.ts keeps the two equal.
 */

/** Alert severities, least severe first: a higher index is more severe. */
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Lifecycle: active → acknowledged → cleared, or active|acknowledged → dismissed (by an operator),
 * or active → cleared (the condition went away). A cleared alert may be re-opened within the cool-down.
 */
export const ALERT_STATES = ['active', 'acknowledged', 'cleared', 'dismissed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * `model_drift`: a live model's inputs no longer look like its training data (PSI / KS, ml/drift);
 * `predicted_failure` and `low_rul`: a live model foresees a failure (risk, remaining useful life).
 */
export const ALERT_RULES = ['threshold', 'rate_of_change', 'anomaly', 'failure', 'model_drift', 'predicted_failure', 'low_rul'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** An alert as plain data (REST, WebSocket `alerts` channel, database rows). */
export interface AlertView {
  readonly id: string;
  readonly rule: AlertRule;
  readonly severity: Severity;
  readonly state: AlertState;
  readonly asset: string;
  /** Sensor id for threshold and rate rules; null for anomaly and failure alerts. */
  readonly sensor: string | null;
  /** Sensor parameter name (e.g. "zone4_temp"), or null. */
  readonly parameter: string | null;
  /** ISO 8601 UTC simulated times. */
  readonly openedAt: string;
  readonly lastAt: string;
  readonly clearedAt: string | null;
  /** Last value (threshold: the sample; rate: change per minute; anomaly: the score; predicted_failure: the probability; low_rul: hours). */
  readonly value: number | null;
  /** The limit crossed at the current severity. */
  readonly threshold: number | null;
  readonly unit: string;
  readonly direction: 'above' | 'below' | null;
  readonly message: string;
  readonly recommendedAction: string;
  /** How many times the alert re-opened within the cool-down instead of raising a new one. */
  readonly reopenCount: number;
  /** Anomaly alerts: the sensors or features the model blames. */
  readonly contributors: readonly string[];
  readonly acknowledgedBy: string | null;
  readonly acknowledgedAt: string | null;
  readonly dismissedBy: string | null;
  readonly dismissedAt: string | null;
  readonly justification: string | null;
}

export type AlertChangeKind = 'opened' | 'reopened' | 'escalated' | 'updated' | 'cleared' | 'acknowledged' | 'dismissed';

/** One lifecycle change, carrying the alert as it is after the change. */
export interface AlertChange {
  readonly kind: AlertChangeKind;
  readonly alert: AlertView;
}

/** Rank of a severity in SEVERITIES (LOW 0 … CRITICAL 3). */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Sensor status level (1 WARNING, 2 ERROR, 3 CRITICAL) → alert severity. */
export const LEVEL_SEVERITY: readonly Severity[] = SEVERITIES;
export const LEVEL_NAMES = ['normal', 'warning', 'error', 'critical'] as const;
