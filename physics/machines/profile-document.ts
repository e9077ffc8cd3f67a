/**
 * The shape of a machine profile JSON file (profiles/<type>.json), after validation.
 *
 * A profile describes one machine type as data: rated figures, sensors with their status limits and
 * noise, and the physics as expressions over a few inputs. Expression inputs:
 * - `load`, `speed`: actual setpoints as fractions of rated (0..1.1); 0 when the machine is stopped;
 * - `running`: 1 while the machine turns, 0 when stopped or failed;
 * - `ambient_c`: ambient temperature, °C;
 * - `demand`: the load setpoint as a fraction of rated even while stopped (an external duty such as a
 *   cooling tower's heat load, which does not vanish when the fan stops);
 * - `rated_<key>` for every `rated` entry and every `parameters` entry by its name (inlined constants);
 * - every failure mode by its name: its degradation level, 0 = healthy .. 1 = failure threshold;
 * - `states`, `internal`, `sensors` and `derived` by name, each usable by the entries after it.
 */
import type { Bounds, NoiseSpec } from '../model.ts';

export interface ProfileDocument {
  readonly type: string;
  readonly description: string;
  /** Nameplate figures, snake_case keys with units (power_kw, speed_rpm, voltage_v ...). */
  readonly rated: Readonly<Record<string, number>>;
  /** ISO 10816-3 machine group and foundation, or null where the standard does not apply. */
  readonly iso10816: Iso10816Class | null;
  readonly control: ControlSpec;
  /** Model constants (dimensionless or with units in their names). */
  readonly parameters: Readonly<Record<string, number>>;
  /** First-order lags (thermal masses): the value moves toward `target` with time constant `tauS`. */
  readonly states: readonly StateDoc[];
  /** Intermediate quantities, evaluated in order each step. */
  readonly internal: readonly NamedExpr[];
  readonly sensors: readonly SensorDoc[];
  /** Sensors computed from other sensors (e.g. power_kw = sqrt(3) * voltage_v * current_a * power_factor / 1000). */
  readonly derived: readonly SensorDoc[];
  readonly failureModes: readonly FailureModeDoc[];
  /** Other fault names `injectFault` accepts, mapped to a failure mode with a default acceleration. */
  readonly faultAliases: readonly FaultAliasDoc[];
}

export interface Iso10816Class {
  readonly group: 1 | 2;
  readonly foundation: 'rigid' | 'flexible';
  readonly note?: string;
}

export interface ControlSpec {
  /** Actuator first-order lag, seconds. */
  readonly lagS: number;
  /** Setpoint rate limit, percent of rated per second. */
  readonly rateLimitPctPerS: number;
}

export interface NamedExpr {
  readonly name: string;
  readonly expr: string;
  readonly description?: string;
  /** Where the equation or its constants come from. */
  readonly source?: string;
}

export interface StateDoc {
  readonly name: string;
  readonly tauS: number;
  readonly target: string;
  readonly description?: string;
  readonly source?: string;
}

export interface SensorDoc {
  readonly name: string;
  readonly unit: string;
  /** Measurement kind: vibration (overall velocity RMS, ISO 10816), vibration_spectral, temperature, ... */
  readonly type: string;
  readonly description: string;
  readonly periodS: number;
  /** Typical values of a healthy machine between half and full load; must lie inside limits.warning. */
  readonly normal: readonly [number, number];
  readonly limits: { readonly warning: Bounds; readonly error: Bounds; readonly critical: Bounds };
  readonly noise: NoiseSpec;
  readonly expr: string;
  readonly source?: string;
}

/** Exponential degradation (Gebraeel 2005): level = θ·(exp(β·Δτ) − 1), θ lognormal, β Gaussian. */
export interface ExponentialGrowth {
  readonly model: 'exponential';
  /** Median of θ: the level's scale at onset, as a fraction of the failure threshold. */
  readonly thetaMedian: number;
  readonly thetaLogStd: number;
  readonly betaPerHMean: number;
  readonly betaPerHStd: number;
}

/** Power-law wear: level = (Δτ / D)^n, D lognormal (n = 1: linear, Archard-like wear). */
export interface PowerGrowth {
  readonly model: 'power';
  readonly exponent: number;
  readonly durationMedianH: number;
  readonly durationLogStd: number;
}

export interface FailureModeDoc {
  readonly name: string;
  readonly description: string;
  /** Citations for the rate law, onset distribution and growth. */
  readonly source: string;
  /** Damage-time rate: equivalent hours per operating hour, 1 at rated conditions. */
  readonly rate: string;
  /** Smallest rate while running, so that remaining life strictly decreases (default 0.001). */
  readonly rateFloor: number;
  /** Onset of detectable degradation, in equivalent hours: Weibull(shape, scale). */
  readonly onset: { readonly weibullShape: number; readonly weibullScaleH: number };
  /**
   * How a machine's prior age (MachineSpec.ageH) applies. false (default): the part is original and has
   * survived that age, so its life is drawn conditioned on it (old parts fail sooner when shape > 1).
   * true: a consumable (tool, deposits) renewed at every past failure, so the age carries into a renewal process.
   */
  readonly consumable: boolean;
  readonly growth: ExponentialGrowth | PowerGrowth;
}

export interface FaultAliasDoc {
  readonly name: string;
  readonly mode: string;
  readonly rateMultiplier: number;
  readonly description: string;
}
