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
    anomaly: Type.Optional(
      Type.Object(
        {
          severity: Type.Optional(SeveritySchema),
          /** Consecutive reports at or below the threshold that clear an anomaly alert. */
          clearReports: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        },
        { additionalProperties: false },
      ),
    ),
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
  readonly anomaly: { readonly severity: Severity; readonly clearReports: number };
}

// Two samples to open filters the single-sample spikes the sensor model injects; three clean samples
// inside a 2 % deadband to clear is the usual alarm-management practice against chatter (ISA-18.2).
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  thresholds: [],
  rateRules: [],
  hysteresis: { deadbandFraction: 0.02, clearSamples: 3, openSamples: 2 },
  coolDownS: 600,
  updateIntervalS: 10,
  anomaly: { severity: 'MEDIUM', clearReports: 3 },
};
