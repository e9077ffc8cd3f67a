import type { SensorChannel } from '../../physics/model.ts';
import { firstSchemaError } from '../first-schema-error.ts';
import { severityRank } from './alert.ts';
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
    failureRisk: { ...d.failureRisk, ...s.failureRisk },
    rul: { ...d.rul, ...s.rul },
    predictionWarmupS: s.predictionWarmupS ?? d.predictionWarmupS,
  };
  checkModelRules(out, s);
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

// Hysteresis only works with the clear limit on the safe side of the raise limit, and escalation
// beyond it; a rule set the other way round would raise and clear on the same report. The error
// names the field the input gave (a default is not the user's mistake).
function checkModelRules(s: AlertSettings, input: AlertSettingsInput): void {
  const order = (rule: 'anomaly' | 'failureRisk' | 'rul', fields: readonly [string, number][]) => {
    const given = (input[rule] ?? {}) as Record<string, unknown>;
    for (let i = 1; i < fields.length; i++) {
      const [name, v] = fields[i]!;
      const [prevName, prev] = fields[i - 1]!;
      if (v >= prev) continue;
      if (name in given || !(prevName in given)) throw badField('INVALID_SETTINGS', `${rule}.${name}`, `must be at least ${prevName} (${prev})`);
      throw badField('INVALID_SETTINGS', `${rule}.${prevName}`, `must be at most ${name} (${v})`);
    }
  };
  order('anomaly', [['clearBelow', s.anomaly.clearBelow], ['raiseAbove', s.anomaly.raiseAbove], ['escalateAbove', s.anomaly.escalateAbove]]);
  order('failureRisk', [['clearBelow', s.failureRisk.clearBelow], ['raiseAbove', s.failureRisk.raiseAbove], ['escalateAbove', s.failureRisk.escalateAbove]]);
  order('rul', [['escalateBelowH', s.rul.escalateBelowH], ['raiseBelowH', s.rul.raiseBelowH], ['clearAboveH', s.rul.clearAboveH]]);
  for (const rule of ['anomaly', 'failureRisk', 'rul'] as const) {
    const r = s[rule];
    if (severityRank(r.escalatedSeverity) < severityRank(r.severity)) throw badField('INVALID_SETTINGS', `${rule}.escalatedSeverity`, `must be at least severity (${r.severity})`);
  }
}
