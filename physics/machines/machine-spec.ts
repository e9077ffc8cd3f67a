/**
 * The machine types and the machine entry of a scenario. Defined here, beside the models;
 * scenarios/types.ts re-exports them (physics imports none of our other folders).
 */

/** The built-in machine profiles, one JSON file each in `profiles/`. */
export const MACHINE_TYPES = [
  'motor',
  'pump',
  'cnc',
  'fan',
  'compressor',
  'conveyor',
  'hydraulic',
  'cooling_tower',
] as const;
export type MachineType = (typeof MACHINE_TYPES)[number];

/** One machine of a scenario: which profile, its initial setpoints (percent of rated) and age. */
export interface MachineSpec {
  /** e.g. "pump_003" */
  readonly id: string;
  /** A built-in profile name (one of MACHINE_TYPES) or a path to a profile JSON file. */
  readonly profile: string;
  /** Initial setpoint values by name (load, speed), percent of rated. */
  readonly initial: Readonly<Record<string, number>>;
  /** Operating hours already accumulated at the start (initial wear). */
  readonly ageH: number;
}

export function isMachineType(name: string): name is MachineType {
  return (MACHINE_TYPES as readonly string[]).includes(name);
}
