/** Alerts on the wire: REST (`/api/alerts`) and the `alerts` WebSocket channel. */

/** Alert severities, least severe first. */
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** `model_drift`: a live model's inputs no longer look like its training data (PSI / KS, ml/drift). */
export type AlertRule = 'threshold' | 'rate_of_change' | 'anomaly' | 'failure' | 'model_drift';

/**
 * Lifecycle: active → acknowledged → cleared, or active|acknowledged → dismissed (by an operator),
 * or active → cleared (the condition went away). A cleared alert may be re-opened within the cool-down.
 */
export type AlertState = 'active' | 'acknowledged' | 'cleared' | 'dismissed';

/** An alert as plain JSON (REST, WebSocket `alerts` channel, database rows). */
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
  /** Last value (threshold: the sample; rate: change per minute; anomaly: the score). */
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
