/**
 * The contract between physics models and the engine.
 *
 * A model owns a slice of a Float64Array (its state) that the engine allocates, snapshots and forks.
 * Models never allocate state of their own between steps, never read time or randomness except
 * through the arguments they are given, and never perform I/O: that is what lets the engine
 * fork a plant by copying typed arrays and replay it bit for bit.
 */

/** A seeded random stream. Each asset gets its own (see engine/rng.ts). */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** Sample status, ordered by severity. */
export const Status = { OK: 0, WARNING: 1, ERROR: 2, CRITICAL: 3 } as const;
export type Status = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = ['OK', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

/** [low, high]; null means unbounded on that side. */
export type Bounds = readonly [number | null, number | null];

/**
 * Status limits: a value outside `warning` is WARNING, outside `error` is ERROR, outside `critical`
 * is CRITICAL. Each band must contain the previous one. The normal range is `warning`.
 */
export interface StatusLimits {
  readonly warning: Bounds;
  readonly error: Bounds;
  readonly critical: Bounds;
}

/** Measurement imperfections applied by the engine's sensor model (engine/sensor-model.ts). */
export interface NoiseSpec {
  /** Gaussian noise standard deviation, in the sensor's unit. */
  readonly std: number;
  /** Slow random-walk drift: standard deviation growth per sqrt(hour), in the sensor's unit. */
  readonly driftPerSqrtH?: number;
  /** Constant offset, in the sensor's unit. */
  readonly bias?: number;
  /** Quantization step (ADC resolution), in the sensor's unit; 0 = none. */
  readonly quantum?: number;
  /** Probability that a sample is missing (NaN). */
  readonly dropoutProb?: number;
  /** Probability that a sample is a spike, and the spike's magnitude in multiples of the normal span. */
  readonly spikeProb?: number;
  readonly spikeMag?: number;
}

/** How often a channel is sampled: every `periodS` seconds, or once per produced unit. */
export type SamplePeriod = { readonly kind: 'periodic'; readonly periodS: number } | { readonly kind: 'per_unit' };

export type AssetKind = 'line' | 'machine';

/** One sensor channel declared by a model. */
export interface SensorChannel {
  /** Globally unique, e.g. "Line_A.furnace.zone2_temp" or "pump_003.vibration_rms". */
  readonly id: string;
  /** The asset it belongs to, e.g. "Line_A" or "pump_003". */
  readonly asset: string;
  readonly assetKind: AssetKind;
  /** Subsystem: furnace | forming | annealing | inspection | machine. */
  readonly group: string;
  /** Parameter name, e.g. "zone2_temp", "vibration_rms". */
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly period: SamplePeriod;
  readonly limits: StatusLimits;
  readonly noise: NoiseSpec;
}

/**
 * A controllable setpoint. The engine keeps the operator's target and the actual value; the actual
 * value follows the target through a first-order lag and a rate limit (engine/actuators.ts).
 */
export interface SetpointSpec {
  /** Globally unique, e.g. "Line_A.furnace_temp" or "pump_003.load". */
  readonly id: string;
  readonly asset: string;
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly initial: number;
  /** Actuator time constant (first-order lag), seconds. */
  readonly lagS: number;
  /** Largest change of the actual value per second, in the setpoint's unit. */
  readonly rateLimitPerS: number;
  readonly description: string;
}

/** Defect types found by inspection on a glass line. */
export const DEFECT_TYPES = [
  'crack',
  'bubble',
  'chip',
  'cloudiness',
  'deformation',
  'stain',
  'stress_fracture',
] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

/** A physical cause of a defect, as recorded on the ground-truth stream. */
export type DefectCause =
  | 'furnace_overheat'
  | 'furnace_underheat'
  | 'belt_overspeed'
  | 'mold_too_cold'
  | 'pressure_variation'
  | 'cooling_too_fast'
  | 'raw_material'
  | 'random';

/** Environment shared by every model in one step (from scenario disturbances). */
/** The plant's conditions at t = 0, which every asset starts in equilibrium with. */
export interface StartConditions {
  readonly ambientC: number;
}

export interface StepContext {
  /** Simulated seconds since the scenario start, at the beginning of this step. */
  readonly tS: number;
  readonly dtS: number;
  readonly ambientC: number;
  /** Raw-material quality deviation, dimensionless, 0 = nominal, ~N(0,1) scale. */
  readonly rawMaterialDev: number;
}

/** What a model reports during a step; the engine stamps time and sequence numbers. */
export interface EventSink {
  /** A unit left the forming station and was inspected (per_unit sensors are sampled now). */
  unitProduced(asset: string, unitId: number): void;
  defect(d: {
    asset: string;
    unitId: number;
    type: DefectType;
    /** Position on the unit, normalized 0..1 along length and width. */
    x: number;
    y: number;
    /** 0..1 */
    severity: number;
    causes: readonly DefectCause[];
  }): void;
  /** A fault became active (injected, or a random onset of a degradation mode). */
  faultOnset(asset: string, fault: string, detail?: Readonly<Record<string, number | string>>): void;
  failure(asset: string, mode: string): void;
  maintenance(asset: string, kind: string): void;
}

/** Ground truth a model exposes: what predictors never see, but labels and evaluation use. */
export interface AssetTruth {
  /**
   * True remaining useful life in hours (machines only; null for lines). Non-increasing while the
   * machine runs, exactly 0 at failure.
   */
  readonly rulH: number | null;
  /** Health index 1 = new, 0 = failed (machines); null for lines. */
  readonly health: number | null;
  readonly activeFaults: readonly string[];
}

/** A fault to inject, as parsed from a scenario. */
export interface FaultInjection {
  /** Fault type, e.g. "burner_drift", "bearing_spall". */
  readonly type: string;
  /** Type-specific parameters (magnitudes, durations). */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * A physics model of one asset. Its state is `stateSize` float64 words at `off` in `s`.
 * Setpoint actual values for this asset are `sp[spOff .. spOff + setpoints.length)`, in the order
 * of `setpoints`.
 */
export interface AssetModel {
  readonly asset: string;
  readonly kind: AssetKind;
  readonly stateSize: number;
  readonly sensors: readonly SensorChannel[];
  readonly setpoints: readonly SetpointSpec[];
  /** Fault types `injectFault` accepts. */
  readonly faultTypes: readonly string[];
  /**
   * Sets the asset's state at t = 0 in equilibrium with the plant's starting conditions, so a run
   * does not begin with a transient (a cooling tower settled at another ambient raises alarms).
   */
  init(s: Float64Array, off: number, rng: Rng, start: StartConditions): void;
  step(s: Float64Array, off: number, sp: Float64Array, spOff: number, ctx: StepContext, rng: Rng, out: EventSink): void;
  /** The true (noise-free) value of sensor `k` (index into `sensors`). */
  read(s: Float64Array, off: number, k: number): number;
  truth(s: Float64Array, off: number): AssetTruth;
  /** Throws an Error naming the problem if the fault type or its parameters are unknown. */
  injectFault(s: Float64Array, off: number, fault: FaultInjection, rng: Rng, out: EventSink): void;
  /** Clears faults and restores health (no-op for assets without maintenance). */
  maintain(s: Float64Array, off: number, rng: Rng, out: EventSink): void;
}
