import { Type, type Static } from 'typebox';
import { SEVERITIES, type Severity } from './alert.ts';

// The settings' shapes and defaults, apart from their validation (alert-settings.ts), so that
// effective-limits.ts can read them without importing the validator that calls it.

const Limit = Type.Union([Type.Number(), Type.Null()], { description: 'null = unbounded on that side' });
export const SeveritySchema = Type.Union(SEVERITIES.map((s) => Type.Literal(s)));

/**
 * A limit override for one sensor (`sensor`: its full id) or for a parameter on every asset
 * (`parameter`: "zone4_temp" or "furnace.zone4_temp", optionally narrowed by `asset`).
 * Absent fields keep the profile's limit; a per-sensor override wins over a per-parameter one.
 */
export const ThresholdOverrideSchema = Type.Object(
  {
    sensor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    parameter: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    asset: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    warningLow: Type.Optional(Limit),
    warningHigh: Type.Optional(Limit),
    errorLow: Type.Optional(Limit),
    errorHigh: Type.Optional(Limit),
    criticalLow: Type.Optional(Limit),
    criticalHigh: Type.Optional(Limit),
    /** Absolute deadband for clearing, in the sensor's unit (default: hysteresis.deadbandFraction of the warning span). */
    deadband: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ThresholdOverride = Static<typeof ThresholdOverrideSchema>;

/** Alert when a sensor changes faster than `maxPerMin` (its unit per minute) measured over `windowS`. */
export const RateRuleSchema = Type.Object(
  {
    sensor: Type.String({ minLength: 1, maxLength: 200 }),
    maxPerMin: Type.Number({ exclusiveMinimum: 0 }),
    windowS: Type.Number({ exclusiveMinimum: 0, maximum: 86_400 }),
    severity: Type.Optional(SeveritySchema),
  },
  { additionalProperties: false },
);
export type RateRule = Static<typeof RateRuleSchema>;

const Probability = Type.Optional(Type.Number({ minimum: 0, maximum: 1 }));
const Score = Type.Optional(Type.Number({ minimum: 0, maximum: 1e9 }));
const Hours = Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 }));

/** What every model-based rule (anomaly, failure risk, RUL) has: severities, lead time, clearing. */
const modelRuleFields = {
  /** Severity when raised, and once the value is beyond the escalation limit. */
  severity: Type.Optional(SeveritySchema),
  escalatedSeverity: Type.Optional(SeveritySchema),
  /** The value must stay beyond the raise limit on every report for this many simulated seconds before it raises. */
  leadTimeS: Type.Optional(Type.Number({ minimum: 0, maximum: 604_800 })),
  /** Consecutive reports back past the clear limit that clear the alert. */
  clearReports: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
};

/** Alert settings as the REST layer accepts them (PUT /alerts/settings); every part optional. */
export const AlertSettingsSchema = Type.Object(
  {
    thresholds: Type.Optional(Type.Array(ThresholdOverrideSchema, { maxItems: 10_000 })),
    rateRules: Type.Optional(Type.Array(RateRuleSchema, { maxItems: 10_000 })),
    hysteresis: Type.Optional(
      Type.Object(
        {
          /** Clear only when the value is back inside the warning band by this fraction of the band's span. */
          deadbandFraction: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5 })),
          /** …for this many consecutive samples. */
          clearSamples: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          /** Open only after this many consecutive out-of-limit samples (filters single spikes). */
          openSamples: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        },
        { additionalProperties: false },
      ),
    ),
    /** A re-opening within this many seconds of a clear merges into the cleared alert. */
    coolDownS: Type.Optional(Type.Number({ minimum: 0, maximum: 604_800 })),
    /** At most one `updated` change per alert per this many simulated seconds. */
    updateIntervalS: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400 })),
    /** Anomaly score (reconstruction error / the model's own threshold: > 1 is anomalous). */
    anomaly: Type.Optional(Type.Object({ ...modelRuleFields, raiseAbove: Score, escalateAbove: Score, clearBelow: Score }, { additionalProperties: false })),
    /** Predicted probability of failure within the model's horizon (0…1). */
    failureRisk: Type.Optional(Type.Object({ ...modelRuleFields, raiseAbove: Probability, escalateAbove: Probability, clearBelow: Probability }, { additionalProperties: false })),
    /** Predicted remaining useful life, hours. */
    rul: Type.Optional(
      Type.Object(
        {
          ...modelRuleFields,
          raiseBelowH: Hours,
          escalateBelowH: Hours,
          clearAboveH: Hours,
          /** A prediction at or above this fraction of its model's RUL cap is censored ("at least the cap") and never low. */
        },
        { additionalProperties: false },
      ),
    ),
    /** Model predictions made before this many simulated seconds after the scenario start raise nothing. */
    predictionWarmupS: Type.Optional(Type.Number({ minimum: 0, maximum: 604_800 })),
  },
  { additionalProperties: false },
);
export type AlertSettingsInput = Static<typeof AlertSettingsSchema>;

/** Settings with every default filled in. */
export interface AlertSettings {
  readonly thresholds: readonly ThresholdOverride[];
  readonly rateRules: readonly RateRule[];
  readonly hysteresis: { readonly deadbandFraction: number; readonly clearSamples: number; readonly openSamples: number };
  readonly coolDownS: number;
  readonly updateIntervalS: number;
  readonly anomaly: ModelRuleSettings & { readonly raiseAbove: number; readonly escalateAbove: number; readonly clearBelow: number };
  readonly failureRisk: ModelRuleSettings & { readonly raiseAbove: number; readonly escalateAbove: number; readonly clearBelow: number };
  readonly rul: ModelRuleSettings & { readonly raiseBelowH: number; readonly escalateBelowH: number; readonly clearAboveH: number };
  readonly predictionWarmupS: number;
}

/** The part every model-based rule shares. */
export interface ModelRuleSettings {
  readonly severity: Severity;
  readonly escalatedSeverity: Severity;
  readonly leadTimeS: number;
  readonly clearReports: number;
}

// Two samples to open filters the single-sample spikes the sensor model injects; three clean samples
// inside a 2 % deadband to clear is the usual alarm-management practice against chatter (ISA-18.2).
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  thresholds: [],
  rateRules: [],
  hysteresis: { deadbandFraction: 0.02, clearSamples: 3, openSamples: 2 },
  coolDownS: 600,
  updateIntervalS: 10,
  // Model rules: a live sample tick is 600 s, so a 600 s lead time is two reports in a row beyond the
  // limit; clearing well short of the raise limit keeps a value hovering at it from flapping. The
  // warm-up skips predictions made on a window that is still the scenario's start-up state repeated
  // (the live window is front-padded, ml/live/rolling-windows.ts).
  anomaly: { severity: 'MEDIUM', escalatedSeverity: 'HIGH', raiseAbove: 1, escalateAbove: 2, clearBelow: 0.8, leadTimeS: 600, clearReports: 3 },
  failureRisk: { severity: 'MEDIUM', escalatedSeverity: 'CRITICAL', raiseAbove: 0.7, escalateAbove: 0.9, clearBelow: 0.5, leadTimeS: 600, clearReports: 1 },
  rul: { severity: 'MEDIUM', escalatedSeverity: 'CRITICAL', raiseBelowH: 24, escalateBelowH: 8, clearAboveH: 30, leadTimeS: 600, clearReports: 1 },
  predictionWarmupS: 600,
};
