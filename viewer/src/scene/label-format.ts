/** Text of the sensor labels and recommendation tags: pure, so their wording is tested. */
import type { LatestValue, SceneAsset, SensorStatusCode } from './scene-data.ts';

/** Status names of the wire codes (protocol `SampleStatus`). */
export const STATUS_NAMES = ['OK', 'WARNING', 'ERROR', 'CRITICAL'] as const;

/** A value with sensible precision and its unit: `1505 °C`, `150 m/min`, `4.21 °C/min`; `—` when missing. */
export function formatValue(v: number | null | undefined, unit: string): string {
  if (v == null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  // Fewer decimals as numbers grow, so a label stays about four significant digits wide.
  const digits = unit === 'count' ? 0 : a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : a === 0 ? 0 : 3;
  const text = v.toFixed(digits);
  const shown = text === '-0' ? '0' : text;
  if (unit === '1' || unit === '' || unit === 'count') return shown;
  return `${shown} ${unit}`;
}

/** Readable sensor name: `zone3_temp` → `zone 3 temp`, `vibration_rms_mm_s` → `vibration rms`. */
export function sensorTitle(name: string): string {
  return name
    .replace(/_(mm_s|c|kw|a|v|rpm|pct|bar|m3h|m3min|lpm|pa|nm|mohm|k|tph|mps|kw_per_m3min)$/, '')
    .replace(/(\D)(\d)/g, '$1 $2')
    .replace(/_/g, ' ');
}

/** One label line: `mold temp 452 °C · OK`. */
export function sensorLine(name: string, unit: string, latest: LatestValue | undefined): string {
  const status = latest ? STATUS_NAMES[latest.s] : 'NO DATA';
  return `${sensorTitle(name)} ${formatValue(latest?.v, unit)} · ${status}`;
}

/** Status to show for a label: the worst status of its sensors (undefined before any data). */
export function worstStatus(values: readonly (LatestValue | undefined)[]): SensorStatusCode | undefined {
  let worst: SensorStatusCode | undefined;
  for (const v of values) if (v && (worst === undefined || v.s > worst)) worst = v.s;
  return worst;
}

/** Recommendation tag: `belt speed 150 → 138 m/min`. */
export function recommendationText(setpointName: string, current: number, proposed: number, unit: string): string {
  const u = unit === '1' || unit === '' ? '' : ` ${unit}`;
  return `${sensorTitle(setpointName)} ${formatValue(current, '')} → ${formatValue(proposed, '')}${u}`;
}

/** A line's labelled sensors, one label per station; a machine's: its vibration, then one more. */
export const LINE_LABELS: Readonly<Record<string, readonly string[]>> = {
  furnace: ['crown_temp', 'burner_power'],
  forming: ['belt_speed', 'mold_temp', 'forming_pressure'],
  annealing: ['lehr_exit_temp', 'cooling_rate'],
  inspection: ['unit_defects', 'defect_severity_max'],
};

/** Sensor ids a machine label shows: the first vibration sensor and the first temperature. */
export function machineLabelSensors(asset: SceneAsset): string[] {
  const vib = asset.sensors.find((s) => /vibration/.test(s.name));
  const temp = asset.sensors.find((s) => s !== vib && /temp/.test(s.name));
  return [vib, temp].filter((s) => s !== undefined).map((s) => s.id);
}
