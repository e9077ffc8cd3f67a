/** The setpoints a scenario may set, with their units, bounds and nominal values. */
import { setpointProblem } from '../physics/setpoint-bounds.ts';

export interface SetpointRange {
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** The default initial value. */
  readonly nominal: number;
}

/** Glass-line setpoints; the nominal values are the reference plant's operating point. */
export const LINE_SETPOINTS: readonly SetpointRange[] = [
  { name: 'furnace_temp', unit: '°C', min: 1350, max: 1650, nominal: 1500 },
  { name: 'belt_speed', unit: 'm/min', min: 0, max: 200, nominal: 150 },
  { name: 'mold_temp', unit: '°C', min: 20, max: 600, nominal: 450 },
  { name: 'forming_pressure', unit: 'MPa', min: 0, max: 100, nominal: 40 },
  { name: 'lehr_cooling_rate', unit: '°C/min', min: 0.5, max: 15, nominal: 4 },
];

/** Machine setpoints, percent of rated; 110 % allows a short overload. */
export const MACHINE_SETPOINTS: readonly SetpointRange[] = [
  { name: 'load', unit: '%', min: 0, max: 110, nominal: 75 },
  { name: 'speed', unit: '%', min: 0, max: 110, nominal: 100 },
];

/** The setpoints of an asset kind. */
export function setpointsOf(kind: 'line' | 'machine'): readonly SetpointRange[] {
  return kind === 'line' ? LINE_SETPOINTS : MACHINE_SETPOINTS;
}

/** undefined if `value` is within the range, else the reason in plain words (naming the setpoint if `named`). */
export function checkSetpointValue(range: SetpointRange, value: number, named = false): string | undefined {
  const problem = setpointProblem(range, value);
  return problem === undefined ? undefined : named ? problem.replace(/ \(got /, ` for ${range.name} (got `) : problem;
}

/** Every setpoint of the kind at its nominal value, overridden by `given`. */
export function fillSetpoints(
  kind: 'line' | 'machine',
  given: Readonly<Record<string, number | undefined>> | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of setpointsOf(kind)) out[r.name] = given?.[r.name] ?? r.nominal;
  return out;
}
