import type { TwinEvent } from '../../engine/events.ts';
import type { SensorChannel, StatusLimits } from '../../physics/model.ts';
import type { AlertEngine } from './alert-engine.ts';
import type { AlertChange } from './alert.ts';
import { parseAlertSettings } from './alert-settings.ts';

export const START_MS = Date.parse('2024-03-14T00:00:00Z');

function channel(asset: string, group: string, name: string, unit: string, periodS: number, limits: StatusLimits): SensorChannel {
  return {
    id: group === 'machine' ? `${asset}.${name}` : `${asset}.${group}.${name}`,
    asset,
    assetKind: group === 'machine' ? 'machine' : 'line',
    group,
    name,
    unit,
    description: name,
    period: { kind: 'periodic', periodS },
    limits,
    noise: { std: 0 },
  };
}

const melt: StatusLimits = { warning: [1400, 1600], error: [1350, 1650], critical: [1300, 1700] };

/** Sensor 0: Line_A zone4, 1: Line_B zone4, 2: pump vibration, 3: Line_A belt speed. */
export const SENSORS: readonly SensorChannel[] = [
  channel('Line_A', 'furnace', 'zone4_temp', '°C', 60, melt),
  channel('Line_B', 'furnace', 'zone4_temp', '°C', 60, melt),
  channel('pump_003', 'machine', 'vibration_rms', 'mm/s', 1, { warning: [null, 4.5], error: [null, 7.1], critical: [null, 11.2] }),
  channel('Line_A', 'forming', 'belt_speed', 'm/min', 1, { warning: [60, 180], error: [30, 190], critical: [null, 195] }),
];

/** A frame at simulated second tS in which only sensor k was sampled, with value v. */
export function frame(tS: number, k: number, v: number, events: readonly TwinEvent[] = []) {
  const values = new Float64Array(SENSORS.length).fill(NaN);
  values[k] = v;
  return { timeMs: START_MS + tS * 1000, values, sampled: Int32Array.of(k), sampledCount: 1, events };
}

/** Feeds sensor k one value per `stepS` starting at `fromS`; returns every change. */
export function feed(engine: AlertEngine, k: number, values: readonly number[], fromS = 0, stepS = 60): AlertChange[] {
  return values.flatMap((v, i) => [...engine.onFrame(frame(fromS + i * stepS, k, v))]);
}

/** Change kinds, leaving out the periodic `updated` ones. */
/** The field a settings error names, or null when the settings are accepted. */
export const fieldOf = (input: unknown): string | null => {
  try {
    parseAlertSettings(input, SENSORS);
    return null;
  } catch (e) {
    return (e as { field: string }).field;
  }
};

export const kinds = (changes: readonly AlertChange[]) => changes.filter((c) => c.kind !== 'updated').map((c) => c.kind);
