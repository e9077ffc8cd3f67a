/** The setpoints a scenario may set, with their units, bounds and nominal values. */
import { LINE_SETPOINT_TEMPLATES } from '../physics/glass/line-setpoints.ts';
import { MACHINE_SETPOINT_MAX_PCT } from '../physics/machines/machine-channels.ts';
import { setpointProblem } from '../physics/setpoint-bounds.ts';

export interface SetpointRange {
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** The default initial value. */
  readonly nominal: number;
}

/** Glass-line setpoints: bounds and nominal values are the line model's own (physics/glass/line-setpoints.ts). */
export const LINE_SETPOINTS: readonly SetpointRange[] = LINE_SETPOINT_TEMPLATES.map((t) => ({ name: t.name, unit: t.unit, min: t.min, max: t.max, nominal: t.initial }));

/** Machine setpoints, percent of rated, with the machine model's bounds; the reference plant runs at 75 % load. */
export const MACHINE_SETPOINTS: readonly SetpointRange[] = [
  { name: 'load', unit: '%', min: 0, max: MACHINE_SETPOINT_MAX_PCT, nominal: 75 },
  { name: 'speed', unit: '%', min: 0, max: MACHINE_SETPOINT_MAX_PCT, nominal: 100 },
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
