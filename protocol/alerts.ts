/** Alerts on the wire: REST (`/api/alerts`) and the `alerts` WebSocket channel. */
import { Type, type Static } from 'typebox';
import { List, Nullable } from './schema-kit.ts';

/** Alert severities, least severe first: the one definition of their order on the wire. */
export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const Severity = Type.Union([Type.Literal('LOW'), Type.Literal('MEDIUM'), Type.Literal('HIGH'), Type.Literal('CRITICAL')]);
export type Severity = Static<typeof Severity>;

/**
 * `model_drift`: a live model's inputs no longer look like its training data (PSI / KS, ml/drift);
 * `predicted_failure` and `low_rul`: a live model foresees a failure (risk, remaining useful life).
 */
export const AlertRule = Type.Union([
  Type.Literal('threshold'),
  Type.Literal('rate_of_change'),
  Type.Literal('anomaly'),
  Type.Literal('failure'),
  Type.Literal('model_drift'),
  Type.Literal('predicted_failure'),
  Type.Literal('low_rul'),
]);
export type AlertRule = Static<typeof AlertRule>;

/**
 * Lifecycle: active → acknowledged → cleared, or active|acknowledged → dismissed (by an operator),
 * or active → cleared (the condition went away). A cleared alert may be re-opened within the cool-down.
 */
export const ALERT_STATES = ['active', 'acknowledged', 'cleared', 'dismissed'] as const;
export const AlertState = Type.Union([Type.Literal('active'), Type.Literal('acknowledged'), Type.Literal('cleared'), Type.Literal('dismissed')]);
export type AlertState = Static<typeof AlertState>;

// Compile-time checks that the ordered lists and the schemas name the same values.
const sameSeverities: [Severity, (typeof SEVERITIES)[number]] extends [(typeof SEVERITIES)[number], Severity] ? true : never = true;
const sameStates: [AlertState, (typeof ALERT_STATES)[number]] extends [(typeof ALERT_STATES)[number], AlertState] ? true : never = true;
void sameSeverities;
void sameStates;

const Iso = Type.String({ description: 'ISO 8601 UTC simulated time' });

/** An alert as plain JSON (REST, WebSocket `alerts` channel, database rows). */
export const AlertView = Type.Object({
  id: Type.String(),
  rule: AlertRule,
  severity: Severity,
  state: AlertState,
  asset: Type.String(),
  /** Sensor id for threshold and rate rules; null for anomaly and failure alerts. */
  sensor: Nullable(Type.String()),
  /** Sensor parameter name (e.g. "zone4_temp"), or null. */
  parameter: Nullable(Type.String()),
  openedAt: Iso,
  lastAt: Iso,
  clearedAt: Nullable(Iso),
  /** Last value (threshold: the sample; rate: change per minute; anomaly: the score; predicted_failure: the probability; low_rul: hours). */
  value: Nullable(Type.Number()),
  /** The limit crossed at the current severity. */
  threshold: Nullable(Type.Number()),
  unit: Type.String(),
  direction: Nullable(Type.Union([Type.Literal('above'), Type.Literal('below')])),
  message: Type.String(),
  recommendedAction: Type.String(),
  /** How many times the alert re-opened within the cool-down instead of raising a new one. */
  reopenCount: Type.Integer({ minimum: 0 }),
  /** Anomaly alerts: the sensors or features the model blames. */
  contributors: List(Type.String()),
  acknowledgedBy: Nullable(Type.String()),
  acknowledgedAt: Nullable(Iso),
  dismissedBy: Nullable(Type.String()),
  dismissedAt: Nullable(Iso),
  justification: Nullable(Type.String()),
});
export type AlertView = Static<typeof AlertView>;

export const AlertChangeKind = Type.Union([
  Type.Literal('opened'),
  Type.Literal('reopened'),
  Type.Literal('escalated'),
  Type.Literal('updated'),
  Type.Literal('cleared'),
  Type.Literal('acknowledged'),
  Type.Literal('dismissed'),
]);
export type AlertChangeKind = Static<typeof AlertChangeKind>;

/** One lifecycle change, carrying the alert as it is after the change: the `alerts` channel payload. */
export const AlertChange = Type.Object({ kind: AlertChangeKind, alert: AlertView });
export type AlertChange = Static<typeof AlertChange>;

/** Body of GET /api/alerts: newest first. */
export const AlertList = List(AlertView);
