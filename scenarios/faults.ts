/**
 * The fault types a scenario may inject, by target kind, with their parameters. The models are the
 * final judges (physics/glass/line-faults.ts, physics/machines/profiles/*.json,
 * engine/sensor-model.ts; faults.test.ts keeps this catalog in step with them); the catalog lets
 * the loader reject typos and out-of-range magnitudes before a run starts.
 */

import type { MachineType } from './types.ts';

export interface FaultParam {
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Filled in when the file omits the parameter. */
  readonly default?: number;
  /** May be omitted, and then stays absent: the model has its own default (e.g. per fault alias). */
  readonly optional?: boolean;
  /** 0 is inside [min, max] but means "no fault": refused. */
  readonly nonZero?: boolean;
}

export interface FaultKind {
  readonly type: string;
  readonly description: string;
  readonly params: readonly FaultParam[];
}

/** Faults of a glass line (target: a line id). */
export const LINE_FAULTS: readonly FaultKind[] = [
  {
    type: 'burner_drift',
    description: 'the burner control drifts: the furnace runs hotter (or, with a negative rate, colder) than its setpoint',
    params: [
      { name: 'ratePerH', unit: '°C/h', min: -200, max: 200, default: 20, nonZero: true },
      { name: 'maxC', unit: '°C', min: 1, max: 300, default: 150 },
    ],
  },
  {
    type: 'pressure_oscillation',
    description: 'the forming-pressure valve hunts: a sinusoidal pressure swing',
    params: [
      { name: 'amplitudeMPa', unit: 'MPa', min: 0.1, max: 50, default: 8 },
      { name: 'periodS', unit: 's', min: 1, max: 3600, default: 30 },
    ],
  },
  { type: 'mold_heater_failure', description: 'the mold heaters stop: molds cool to ambient', params: [] },
  {
    type: 'lehr_fan_failure',
    description: 'a lehr fan controller fails at full speed: annealing cools faster than its setpoint',
    params: [{ name: 'extraCoolingCPerMin', unit: '°C/min', min: 0.1, max: 30, default: 6 }],
  },
  {
    type: 'belt_overspeed',
    description: 'the belt drive runs faster than its setpoint',
    params: [{ name: 'offsetMpm', unit: 'm/min', min: 0.1, max: 100, default: 30 }],
  },
  {
    type: 'batch_contamination',
    description: 'contaminated raw material enters the batch',
    // A raw-material deviation added to the batch, in the disturbance's N(0, 1) units.
    params: [{ name: 'severity', unit: 'σ', min: 0.01, max: 10, default: 1 }],
  },
];

/**
 * What each built-in machine profile accepts as a fault (physics/machines/profiles/<type>.json):
 * its failure modes (what fails, as named in failure events) and its fault aliases (a mode started
 * in a particular way, e.g. bearing_spall = bearing_wear at 20× the rate).
 */
export const MACHINE_PROFILE_FAULTS: Readonly<Record<MachineType, { readonly modes: readonly string[]; readonly aliases: readonly string[] }>> = {
  motor: { modes: ['bearing_wear', 'insulation_ageing'], aliases: ['bearing_spall'] },
  pump: { modes: ['bearing_wear', 'impeller_wear'], aliases: ['bearing_spall'] },
  cnc: { modes: ['spindle_bearing_wear', 'tool_wear'], aliases: ['bearing_wear', 'bearing_spall', 'tool_breakage'] },
  fan: { modes: ['bearing_wear', 'fouling'], aliases: ['bearing_spall'] },
  compressor: { modes: ['valve_wear', 'bearing_wear'], aliases: ['valve_disc_break', 'bearing_spall'] },
  conveyor: { modes: ['gearbox_wear', 'belt_wear'], aliases: ['bearing_wear', 'bearing_spall'] },
  hydraulic: { modes: ['pump_wear', 'bearing_wear'], aliases: ['bearing_spall'] },
  cooling_tower: { modes: ['fill_fouling', 'gearbox_wear'], aliases: ['bearing_wear', 'bearing_spall'] },
};

const unique = (names: readonly string[]): readonly string[] => [...new Set(names)];

/** Every failure mode of the built-in profiles. */
export const MACHINE_FAILURE_MODES: readonly string[] = unique(Object.values(MACHINE_PROFILE_FAULTS).flatMap((p) => p.modes));

/** Every fault type a built-in machine accepts: failure modes and aliases. */
export const MACHINE_FAULT_TYPES: readonly string[] = unique(
  Object.values(MACHINE_PROFILE_FAULTS).flatMap((p) => [...p.modes, ...p.aliases]),
);

/** rateMultiplier ≥ 1: a fault never slows wear. Absent, the alias's own multiplier (or 1) applies. */
const MACHINE_FAULT_PARAMS: readonly FaultParam[] = [{ name: 'rateMultiplier', unit: '×', min: 1, max: 1000, optional: true }];

/** The faults a machine with this built-in profile accepts. */
export function machineFaults(profile: MachineType): readonly FaultKind[] {
  const p = MACHINE_PROFILE_FAULTS[profile];
  return [...p.modes, ...p.aliases].map((type) => ({ type, description: `${type.replace(/_/g, ' ')} begins`, params: MACHINE_FAULT_PARAMS }));
}

/** Faults of one sensor channel (target: a sensor id "<asset>.<...>"); units are the sensor's own. */
export const SENSOR_FAULTS: readonly FaultKind[] = [
  {
    type: 'sensor_stuck',
    description: 'the reading freezes at its current value (or at `value` if it has none)',
    params: [{ name: 'value', unit: 'sensor units', min: -1e9, max: 1e9, optional: true }],
  },
  {
    type: 'sensor_drift',
    description: 'the reading drifts away from the true value',
    params: [{ name: 'ratePerH', unit: 'sensor units/h', min: -1e6, max: 1e6, nonZero: true }],
  },
  {
    type: 'sensor_bias',
    description: 'the reading is offset by a constant',
    params: [{ name: 'offset', unit: 'sensor units', min: -1e6, max: 1e6 }],
  },
  {
    type: 'sensor_dropout',
    description: 'samples go missing with this probability',
    params: [{ name: 'prob', unit: '', min: 0, max: 1 }],
  },
  { type: 'sensor_repair', description: 'the instrument is replaced: its faults clear', params: [] },
];

export type FaultTargetKind = 'line' | 'machine' | 'sensor';

/** Which kind of target a fault type belongs to, if it is known at all. */
export function targetKindOf(type: string): FaultTargetKind | undefined {
  if (LINE_FAULTS.some((f) => f.type === type)) return 'line';
  if (SENSOR_FAULTS.some((f) => f.type === type)) return 'sensor';
  return MACHINE_FAULT_TYPES.includes(type) ? 'machine' : undefined;
}
