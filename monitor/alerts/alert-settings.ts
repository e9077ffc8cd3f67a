import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { SensorChannel } from '../../physics/model.ts';
import { fieldPath } from '../../twin-api/errors.ts';
import { SEVERITIES, type Severity } from './alert.ts';
import { badField } from './alert-errors.ts';
import { effectiveLimits, matchesParameter } from './effective-limits.ts';

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

/**
 * Validates settings (schema, then against the plant's sensors when given) and fills in defaults.
 * Throws AlertError (TWIN_ERR_BAD_REQUEST) whose `field` names the offending field, e.g. "thresholds[0].warningHigh".
 */
export function parseAlertSettings(input: unknown, sensors?: readonly SensorChannel[]): AlertSettings {
  const first = Value.Errors(AlertSettingsSchema, input)[0];
  if (first) {
    const extra = first.keyword === 'additionalProperties' ? (first.params as { additionalProperties?: string[] }).additionalProperties?.[0] : undefined;
    const path = extra ? `${first.instancePath}/${extra}` : first.instancePath;
    throw badField(fieldPath(path), extra ? 'unknown field' : first.message);
  }
  const s = input as AlertSettingsInput;
  const d = DEFAULT_ALERT_SETTINGS;
  const out: AlertSettings = {
    thresholds: s.thresholds ?? [],
    rateRules: s.rateRules ?? [],
    hysteresis: { ...d.hysteresis, ...s.hysteresis },
    coolDownS: s.coolDownS ?? d.coolDownS,
    updateIntervalS: s.updateIntervalS ?? d.updateIntervalS,
    anomaly: { ...d.anomaly, ...s.anomaly },
  };
  out.thresholds.forEach((o, i) => {
    if ((o.sensor === undefined) === (o.parameter === undefined)) throw badField(`thresholds[${i}]`, 'give exactly one of sensor or parameter');
    if (o.sensor !== undefined && o.asset !== undefined) throw badField(`thresholds[${i}].asset`, 'asset narrows a parameter override only');
  });
  if (sensors) checkAgainstPlant(out, sensors);
  return out;
}

function checkAgainstPlant(s: AlertSettings, sensors: readonly SensorChannel[]): void {
  const ids = new Set(sensors.map((c) => c.id));
  s.thresholds.forEach((o, i) => {
    if (o.sensor !== undefined && !ids.has(o.sensor)) throw badField(`thresholds[${i}].sensor`, `unknown sensor "${o.sensor}"`);
    if (o.parameter !== undefined && !sensors.some((c) => matchesParameter(o, c)))
      throw badField(`thresholds[${i}].parameter`, `no sensor has parameter "${o.parameter}"${o.asset ? ` on ${o.asset}` : ''}`);
  });
  const seen = new Set<string>();
  s.rateRules.forEach((r, i) => {
    if (!ids.has(r.sensor)) throw badField(`rateRules[${i}].sensor`, `unknown sensor "${r.sensor}"`);
    if (seen.has(r.sensor)) throw badField(`rateRules[${i}].sensor`, `a rate rule for "${r.sensor}" is already defined`);
    seen.add(r.sensor);
  });
  effectiveLimits(sensors, s); // throws on limits that no longer nest
}
