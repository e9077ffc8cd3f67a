import type { SensorChannel } from '../../physics/model.ts';
import { firstSchemaError } from '../first-schema-error.ts';
import { badField } from './alert-errors.ts';
import { AlertSettingsSchema, DEFAULT_ALERT_SETTINGS, type AlertSettings, type AlertSettingsInput } from './alert-settings-schema.ts';
import { effectiveLimits, matchesParameter } from './effective-limits.ts';

export {
  AlertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  RateRuleSchema,
  SeveritySchema,
  ThresholdOverrideSchema,
  type AlertSettings,
  type AlertSettingsInput,
  type RateRule,
  type ThresholdOverride,
} from './alert-settings-schema.ts';

/**
 * Validates settings (schema, then against the plant's sensors when given) and fills in defaults.
 * Throws AlertError INVALID_SETTINGS whose `field` names the offending field, e.g. "thresholds[0].warningHigh".
 */
export function parseAlertSettings(input: unknown, sensors?: readonly SensorChannel[]): AlertSettings {
  const invalid = firstSchemaError(AlertSettingsSchema, input);
  if (invalid) throw badField('INVALID_SETTINGS', invalid.field, invalid.message);
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
    if ((o.sensor === undefined) === (o.parameter === undefined)) throw badField('INVALID_SETTINGS', `thresholds[${i}]`, 'give exactly one of sensor or parameter');
    if (o.sensor !== undefined && o.asset !== undefined) throw badField('INVALID_SETTINGS', `thresholds[${i}].asset`, 'asset narrows a parameter override only');
  });
  if (sensors) checkAgainstPlant(out, sensors);
  return out;
}

function checkAgainstPlant(s: AlertSettings, sensors: readonly SensorChannel[]): void {
  const ids = new Set(sensors.map((c) => c.id));
  s.thresholds.forEach((o, i) => {
    if (o.sensor !== undefined && !ids.has(o.sensor)) throw badField('INVALID_SETTINGS', `thresholds[${i}].sensor`, `unknown sensor "${o.sensor}"`);
    if (o.parameter !== undefined && !sensors.some((c) => matchesParameter(o, c)))
      throw badField('INVALID_SETTINGS', `thresholds[${i}].parameter`, `no sensor has parameter "${o.parameter}"${o.asset ? ` on ${o.asset}` : ''}`);
  });
  const seen = new Set<string>();
  s.rateRules.forEach((r, i) => {
    if (!ids.has(r.sensor)) throw badField('INVALID_SETTINGS', `rateRules[${i}].sensor`, `unknown sensor "${r.sensor}"`);
    if (seen.has(r.sensor)) throw badField('INVALID_SETTINGS', `rateRules[${i}].sensor`, `a rate rule for "${r.sensor}" is already defined`);
    seen.add(r.sensor);
  });
  effectiveLimits(sensors, s); // throws on limits that no longer nest
}
