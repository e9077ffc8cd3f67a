/**
 * The shape of a scenario FILE once it has passed schema.json: snake_case keys, times as written.
 * Mirrors schema.json by hand; the loader turns it into a `Scenario` (types.ts).
 */

/** A duration string ("24h", "1h30m", "90s") or seconds. */
export type DurationValue = string | number;
/** An offset from the start ("10h42m"), seconds, or an ISO 8601 timestamp. */
export type TimeValue = string | number;

// Type aliases, not interfaces: they must be assignable to Record<string, number | undefined>.
export type LineSetpointsFile = {
  readonly furnace_temp?: number;
  readonly belt_speed?: number;
  readonly mold_temp?: number;
  readonly forming_pressure?: number;
  readonly lehr_cooling_rate?: number;
};

/** A line's physics multipliers (physics/glass/line-spec.ts LinePhysicsSpec, in snake_case). */
export type LinePhysicsFile = {
  readonly furnace_heat_loss?: number;
  readonly furnace_thermal_mass?: number;
  readonly burner_efficiency?: number;
  readonly mould_heat_transfer?: number;
  readonly lehr_cooling_effectiveness?: number;
};

export interface LineFile {
  readonly id: string;
  readonly glass?: 'container' | 'float';
  readonly zones?: number;
  readonly initial?: LineSetpointsFile;
  readonly physics?: LinePhysicsFile;
}

export type MachineSetpointsFile = {
  readonly load?: number;
  readonly speed?: number;
};

export interface MachineFile {
  readonly id: string;
  readonly profile?: string;
  readonly initial?: MachineSetpointsFile;
  readonly age_h?: number;
}

export interface ExplicitPlantFile {
  readonly lines?: readonly LineFile[];
  readonly machines?: readonly MachineFile[];
}

export interface PresetPlantFile {
  readonly preset: 'reference';
  /** Overrides of preset lines, by id. */
  readonly lines?: readonly LineFile[];
  /** Overrides of preset machines, by id. */
  readonly machines?: readonly MachineFile[];
  readonly add_machines?: readonly MachineFile[];
}

export type PlantFile = 'reference' | ExplicitPlantFile | PresetPlantFile;

export interface DisturbancesFile {
  readonly ambient?: { readonly mean_c?: number; readonly daily_amplitude_c?: number };
  readonly raw_material?: { readonly std?: number; readonly correlation_h?: number };
}

export interface FaultFile {
  readonly at: TimeValue;
  readonly target: string;
  readonly type: string;
  readonly params?: Readonly<Record<string, number>>;
}

export type ActionFile =
  | { readonly at: TimeValue; readonly setpoint: string; readonly value: number }
  | { readonly at: TimeValue; readonly maintenance: string };

export interface GroundTruthFile {
  readonly summary: string;
  readonly causes?: readonly string[];
  readonly expected_defects?: readonly string[];
  readonly expected_failures?: readonly string[];
}

export interface ScenarioFile {
  readonly $schema?: string;
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly seed?: number;
  readonly start?: string;
  readonly duration: DurationValue;
  readonly step?: DurationValue;
  readonly plant: PlantFile;
  readonly disturbances?: DisturbancesFile;
  readonly faults?: readonly FaultFile[];
  readonly actions?: readonly ActionFile[];
  readonly ground_truth?: GroundTruthFile;
}
