/**
 * The engine's input: a scenario after loading and validation. Every time is in seconds from the
 * scenario start, every default is filled in. Scenario files may use duration strings ("24h",
 * "1h30m") or ISO timestamps; scenarios/loader.ts normalizes them to this shape. These types live
 * here, not in scenarios/, because the engine owns what it runs (STYLE.md, "Which folder may import which").
 */

// The asset entries are defined where their models live (physics imports none of our folders).
export { MACHINE_TYPES, type MachineSpec, type MachineType } from '../physics/machines/machine-spec.ts';
export type { GlassKind, GlassLineSpec as LineSpec } from '../physics/glass/line-spec.ts';
import type { MachineSpec } from '../physics/machines/machine-spec.ts';
import type { GlassLineSpec as LineSpec } from '../physics/glass/line-spec.ts';

export interface Disturbances {
  /** Ambient temperature: mean and daily sinusoidal amplitude, °C. */
  readonly ambient: { readonly meanC: number; readonly dailyAmplitudeC: number };
  /** Raw-material variation: a mean-reverting deviation with this std (dimensionless) and correlation time. */
  readonly rawMaterial: { readonly std: number; readonly correlationH: number };
}

export interface FaultEvent {
  readonly atS: number;
  /** An asset id ("Line_A", "pump_003") or, for sensor faults, a sensor id ("Line_A.furnace.zone1_temp"). */
  readonly target: string;
  /** e.g. burner_drift, pressure_oscillation, mold_heater_failure, lehr_fan_failure, belt_overspeed,
   *  batch_contamination, a machine failure mode (bearing_wear, ...), sensor_stuck, sensor_drift, sensor_bias. */
  readonly type: string;
  readonly params: Readonly<Record<string, number>>;
}

export type OperatorAction =
  | { readonly atS: number; readonly kind: 'setpoint'; readonly setpoint: string; readonly value: number }
  | { readonly atS: number; readonly kind: 'maintenance'; readonly target: string };

export interface GroundTruthNote {
  /** What happened, for the trainer's write-up. */
  readonly summary: string;
  /** The true root causes, e.g. ["burner_drift on Line_A → furnace_overheat → crack"]. */
  readonly causes: readonly string[];
  /** Defect types (or failures) the incident is expected to produce. */
  readonly expectedDefects: readonly string[];
  readonly expectedFailures: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly seed: number;
  /** ISO 8601 UTC, the simulated wall-clock time at t = 0. */
  readonly start: string;
  readonly durationS: number;
  readonly stepS: number;
  readonly lines: readonly LineSpec[];
  readonly machines: readonly MachineSpec[];
  readonly disturbances: Disturbances;
  /** Sorted by atS. */
  readonly faults: readonly FaultEvent[];
  /** Sorted by atS. */
  readonly actions: readonly OperatorAction[];
  readonly groundTruth: GroundTruthNote | null;
}
