/** The sensor channels and setpoints a machine declares, from its spec and profile. */
import type { SensorChannel, SetpointSpec } from '../model.ts';
import type { MachineSpec } from './machine-spec.ts';
import type { MachineProfile } from './profile.ts';

export const SETPOINT_NAMES = ['load', 'speed'] as const;
/** Initial setpoints when the spec gives none, percent of rated. */
const DEFAULT_INITIAL_PCT = { load: 80, speed: 100 } as const;
/** Load and speed may reach 110 % of rated: a short overload. */
export const MACHINE_SETPOINT_MAX_PCT = 110;
const MAX_PCT = MACHINE_SETPOINT_MAX_PCT;

/** Initial load and speed, percent of rated, checked. */
export function initialSetpoints(spec: MachineSpec): { readonly load: number; readonly speed: number } {
  for (const [k, v] of Object.entries(spec.initial)) {
    if (!(SETPOINT_NAMES as readonly string[]).includes(k)) {
      throw new Error(`machine "${spec.id}": initial.${k} is not a setpoint (accepted: ${SETPOINT_NAMES.join(', ')})`);
    }
    if (typeof v !== 'number' || !(v >= 0 && v <= MAX_PCT)) {
      throw new Error(`machine "${spec.id}": initial.${k} = ${String(v)} must be a percentage in [0, ${MAX_PCT}]`);
    }
  }
  return { load: spec.initial['load'] ?? DEFAULT_INITIAL_PCT.load, speed: spec.initial['speed'] ?? DEFAULT_INITIAL_PCT.speed };
}

export function sensorChannels(id: string, profile: MachineProfile): SensorChannel[] {
  return profile.sensors.map((d) => ({
    id: `${id}.${d.name}`,
    asset: id,
    assetKind: 'machine',
    group: 'machine',
    name: d.name,
    unit: d.unit,
    description: d.description,
    period: { kind: 'periodic', periodS: d.periodS },
    limits: d.limits,
    noise: d.noise,
  }));
}

export function setpointSpecs(id: string, profile: MachineProfile, initial: { load: number; speed: number }): SetpointSpec[] {
  const { rated, control } = profile.document;
  const common = { asset: id, unit: '%', min: 0, max: MAX_PCT, lagS: control.lagS, rateLimitPerS: control.rateLimitPctPerS };
  return [
    { ...common, id: `${id}.load`, name: 'load', initial: initial.load, description: `Load, percent of rated (${rated['power_kw']} kW)` },
    { ...common, id: `${id}.speed`, name: 'speed', initial: initial.speed, description: `Speed, percent of rated (${rated['speed_rpm']} rpm)` },
  ];
}
