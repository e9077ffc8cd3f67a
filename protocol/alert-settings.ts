/** Alert settings on the wire: GET /api/settings/alerts (every default filled in) and the PUT answer. */
import { Type, type Static } from 'typebox';
import { Severity } from './alerts.ts';
import { List, Nullable } from './schema-kit.ts';

const Limit = Nullable(Type.Number({ description: 'null = unbounded on that side' }));

/** A limit override for one sensor, or for a parameter on every asset (optionally narrowed by `asset`). */
export const ThresholdOverride = Type.Object({
  sensor: Type.Optional(Type.String()),
  parameter: Type.Optional(Type.String()),
  asset: Type.Optional(Type.String()),
  warningLow: Type.Optional(Limit),
  warningHigh: Type.Optional(Limit),
  errorLow: Type.Optional(Limit),
  errorHigh: Type.Optional(Limit),
  criticalLow: Type.Optional(Limit),
  criticalHigh: Type.Optional(Limit),
  deadband: Type.Optional(Type.Number({ minimum: 0 })),
});
export type ThresholdOverride = Static<typeof ThresholdOverride>;

/** Alert when a sensor changes faster than `maxPerMin` (its unit per minute) measured over `windowS`. */
export const RateRule = Type.Object({ sensor: Type.String(), maxPerMin: Type.Number(), windowS: Type.Number(), severity: Type.Optional(Severity) });
export type RateRule = Static<typeof RateRule>;

/** What the model-based rules (anomaly, failure risk, RUL) share: severities, lead time and clearing. */
const ModelRule = { severity: Severity, escalatedSeverity: Severity, leadTimeS: Type.Number(), clearReports: Type.Integer() };

export const AlertSettings = Type.Object({
  thresholds: List(ThresholdOverride),
  rateRules: List(RateRule),
  hysteresis: Type.Object({ deadbandFraction: Type.Number(), clearSamples: Type.Integer(), openSamples: Type.Integer() }),
  coolDownS: Type.Number(),
  updateIntervalS: Type.Number(),
  anomaly: Type.Object({ ...ModelRule, raiseAbove: Type.Number(), escalateAbove: Type.Number(), clearBelow: Type.Number() }),
  failureRisk: Type.Object({ ...ModelRule, raiseAbove: Type.Number(), escalateAbove: Type.Number(), clearBelow: Type.Number() }),
  rul: Type.Object({ ...ModelRule, raiseBelowH: Type.Number(), escalateBelowH: Type.Number(), clearAboveH: Type.Number() }),
  predictionWarmupS: Type.Number(),
});
export type AlertSettings = Static<typeof AlertSettings>;
