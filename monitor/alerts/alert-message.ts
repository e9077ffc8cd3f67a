import type { SensorChannel } from '../../physics/model.ts';

/** A measured value with precision that suits its magnitude (1612.3, 7.42, 0.153). */
export function formatValue(v: number): string {
  const a = Math.abs(v);
  const digits = a >= 100 ? 1 : a >= 1 ? 2 : 3;
  return String(Number(v.toFixed(digits)));
}

/** "Line_A furnace zone4_temp" — asset, subsystem (for lines) and parameter. */
export function sensorLabel(c: SensorChannel): string {
  return c.group === 'machine' ? `${c.asset} ${c.name}` : `${c.asset} ${c.group} ${c.name}`;
}

const withUnit = (x: string, unit: string) => (unit ? `${x} ${unit}` : x);

/** "Line_A furnace zone4_temp 1612.3 °C above warning limit 1600 °C" */
export function thresholdMessage(c: SensorChannel, value: number, direction: 'above' | 'below', levelName: string, limit: number): string {
  return `${sensorLabel(c)} ${withUnit(formatValue(value), c.unit)} ${direction} ${levelName} limit ${withUnit(formatValue(limit), c.unit)}`;
}

/** "Line_A furnace zone4_temp rising 3.2 °C/min over 600 s, limit 2 °C/min" */
export function rateMessage(c: SensorChannel, ratePerMin: number, windowS: number, limitPerMin: number): string {
  const unit = c.unit ? `${c.unit}/min` : '/min';
  return `${sensorLabel(c)} ${ratePerMin >= 0 ? 'rising' : 'falling'} ${formatValue(Math.abs(ratePerMin))} ${unit} over ${windowS} s, limit ${formatValue(limitPerMin)} ${unit}`;
}

/** "pump_003 anomaly score 4.1 above threshold 3 (vibration_rms, bearing_temp)" */
export function anomalyMessage(asset: string, score: number, threshold: number, contributors: readonly string[]): string {
  const top = contributors.slice(0, 3).join(', ');
  return `${asset} anomaly score ${formatValue(score)} above threshold ${formatValue(threshold)}${top ? ` (${top})` : ''}`;
}

const percent = (p: number) => `${Math.round(p * 100)} %`;

/** "cnc_001 failure risk 87 % within 24 h, alert at 70 %" */
export function failureRiskMessage(asset: string, probability: number, limit: number, horizonH?: number): string {
  return `${asset} failure risk ${percent(probability)}${horizonH === undefined ? '' : ` within ${formatValue(horizonH)} h`}, alert at ${percent(limit)}`;
}

/** "about 9 h", "about 40 min": a model's RUL is an estimate, and the message should read like one. */
export function aboutHours(hours: number): string {
  return hours < 1 ? `about ${Math.max(1, Math.round(hours * 60))} min` : `about ${Math.round(hours)} h`;
}

/** "cnc_001 predicted failure in about 9 h (RUL 9.2 h, alert below 24 h)" */
export function lowRulMessage(asset: string, rulH: number, limitH: number): string {
  return `${asset} predicted failure in ${aboutHours(rulH)} (RUL ${formatValue(rulH)} h, alert below ${formatValue(limitH)} h)`;
}
