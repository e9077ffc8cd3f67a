export { AlertEngine, sequentialAlertIds, type AlertEngineOptions, type AlertFrame } from './alert-engine.ts';
export {
  ALERT_RULES,
  ALERT_STATES,
  SEVERITIES,
  severityRank,
  type AlertChange,
  type AlertChangeKind,
  type AlertRule,
  type AlertState,
  type AlertView,
  type Severity,
} from './alert.ts';
export { AlertError, type AlertErrorCode } from './alert-errors.ts';
export { MIN_JUSTIFICATION } from './alert-book.ts';
export {
  AlertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  parseAlertSettings,
  RateRuleSchema,
  ThresholdOverrideSchema,
  type AlertSettings,
  type AlertSettingsInput,
  type RateRule,
  type ThresholdOverride,
} from './alert-settings.ts';
export { effectiveLimits, type EffectiveLimits } from './effective-limits.ts';
export { GENERIC_SENSOR_ACTION, NO_KNOWLEDGE, type AlertAdvice } from './alert-advice.ts';
