/**
 * Forming station: forehearth → gob, mould with its heater, forming pressure, product dimensions and
 * unit counting. Pure functions over plain numbers; the line (line-step.ts) keeps their state.
 * Gob 1000-1200 °C, IS mould ~500 °C, float tin-bath entry 1050-1100 °C and ~6 mm equilibrium
 * thickness: PHYSICS_REFERENCE.md "Forming". Other constants are tuning choices (unconfirmed).
 */
import type { GlassKind } from './line-spec.ts';

/** Forming constants per glass family. */
export interface FormingParams {
  /** Gob (or tin-bath entry) temperature at the reference operating point, °C. */
  readonly nominalGobC: number;
  /** Forehearth residence time constant, s. */
  readonly forehearthTauS: number;
  /** Wall (or ribbon) thickness at the reference point, mm, and its sensitivities (power-law exponents). */
  readonly nominalWallMm: number;
  readonly wallSpeedExp: number;
  readonly wallPressureExp: number;
  readonly wallViscosityExp: number;
  /** Mould: heat capacity J/K, loss to ambient W/K, heat from glass W/K at the reference belt speed. */
  readonly moldCapJPerK: number;
  readonly moldLossWPerK: number;
  readonly moldGlassWPerK: number;
  /** Mould heater: capacity W, element lag s, PI gain W/K and integral time s. */
  readonly heaterMaxW: number;
  readonly heaterLagS: number;
  readonly heaterKpWPerK: number;
  readonly heaterTiS: number;
  /** Forming-pressure process noise: std MPa and correlation time s (Ornstein-Uhlenbeck). */
  readonly pressureNoiseMPa: number;
  readonly pressureNoiseTauS: number;
  /** Window of the rolling pressure statistics, s. */
  readonly variationWindowS: number;
  /** Mean distance between units on the belt, m: 150 m/min → one unit every 4 s (3.2-4.8 s). */
  readonly unitPitchM: number;
  readonly unitPitchJitter: number;
}

/** Reference operating point that the nominal values above refer to. */
export const REFERENCE_BELT_MPM = 150;
export const REFERENCE_PRESSURE_MPA = 40;

const MOLD_CAP = 2e5; // ~400 kg cast-iron mould set × 500 J/(kg·K)
const MOLD_LOSS = 200;
const MOLD_TAU = 810; // s, C / (loss + glass): ~13 min

/** Forming constants by glass family. */
export const FORMING_PARAMS: Readonly<Record<GlassKind, FormingParams>> = {
  container: formingParams(1100, 3.0),
  float: formingParams(1075, 6.0),
};

function formingParams(nominalGobC: number, nominalWallMm: number): FormingParams {
  // Heat from glass chosen so an unheated mould settles near 230 °C at the reference point.
  const moldGlassWPerK = (MOLD_LOSS * (230 - 25)) / (nominalGobC - 230);
  return {
    nominalGobC,
    forehearthTauS: 1800,
    nominalWallMm,
    wallSpeedExp: 0.5,
    wallPressureExp: 0.15,
    wallViscosityExp: 0.1,
    moldCapJPerK: MOLD_CAP,
    moldLossWPerK: MOLD_LOSS,
    moldGlassWPerK,
    heaterMaxW: 120e3,
    heaterLagS: 60,
    // PI tuned by pole cancellation to a ~2 min closed loop: Kp = C/(τ_cl), Ti = C/(loss + glass).
    heaterKpWPerK: MOLD_CAP / 120,
    heaterTiS: MOLD_TAU,
    pressureNoiseMPa: 1.2,
    pressureNoiseTauS: 3,
    variationWindowS: 30,
    unitPitchM: 10,
    unitPitchJitter: 0.2,
  };
}

/** Exact first-order lag of `x` toward `target` over `dtS`. */
export function lagToward(x: number, target: number, tauS: number, dtS: number): number {
  return target + (x - target) * Math.exp(-dtS / tauS);
}

/**
 * Gob temperature the forehearth settles to: an exponential approach to ambient along the channel,
 * T_gob = T_amb + (T_throat − T_amb)·exp(−G/(ṁ·c_p)), so a faster pull cools the glass less. The
 * forehearth's own burners keep a slow or stopped channel from dropping more than `maxDropK` below the throat.
 */
export function forehearthGobC(
  throatC: number,
  ambientC: number,
  pullKgPerS: number,
  cpJPerKgK: number,
  forehearthWPerK: number,
  maxDropK: number,
): number {
  const flow = pullKgPerS * cpJPerKgK;
  const cooled = ambientC + (throatC - ambientC) * (flow > 0 ? Math.exp(-forehearthWPerK / flow) : 0);
  return Math.max(cooled, throatC - maxDropK);
}

/** The forehearth conductance (W/K) that turns `throatC` into `gobC` at this pull. */
export function forehearthConductanceWPerK(throatC: number, gobC: number, ambientC: number, pullKgPerS: number, cpJPerKgK: number): number {
  return -pullKgPerS * cpJPerKgK * Math.log((gobC - ambientC) / (throatC - ambientC));
}

/** Heat the glass gives the mould, W: proportional to throughput and to the gob-to-mould difference. */
export function moldGlassHeatW(p: FormingParams, beltSpeedMpm: number, gobC: number, moldC: number): number {
  return p.moldGlassWPerK * (beltSpeedMpm / REFERENCE_BELT_MPM) * (gobC - moldC);
}

/** Exact step of the mould temperature, °C: C·dT/dt = P_heater + G_glass·(T_gob − T) − G_loss·(T − T_amb). */
export function stepMoldC(
  p: FormingParams,
  moldC: number,
  heaterW: number,
  beltSpeedMpm: number,
  gobC: number,
  ambientC: number,
  dtS: number,
): number {
  const gGlass = p.moldGlassWPerK * (beltSpeedMpm / REFERENCE_BELT_MPM);
  const g = gGlass + p.moldLossWPerK;
  const eq = (heaterW + gGlass * gobC + p.moldLossWPerK * ambientC) / g;
  return eq + (moldC - eq) * Math.exp((-g * dtS) / p.moldCapJPerK);
}

/** Heater power that holds the mould at `moldC` in steady state, W (unclamped). */
export function moldHeaterForTempW(p: FormingParams, moldC: number, beltSpeedMpm: number, gobC: number, ambientC: number): number {
  return p.moldLossWPerK * (moldC - ambientC) - moldGlassHeatW(p, beltSpeedMpm, gobC, moldC);
}

/** Exact Ornstein-Uhlenbeck step with stationary std `stdDev` and correlation time `tauS` (Gillespie 1996, Phys. Rev. E 54:2084). */
export function ouStep(x: number, stdDev: number, tauS: number, dtS: number, normal: number): number {
  const a = Math.exp(-dtS / tauS);
  return x * a + stdDev * Math.sqrt(1 - a * a) * normal;
}

/** Sinusoidal pressure disturbance of the pressure_oscillation fault, MPa. */
export function oscillationMPa(amplitudeMPa: number, phaseRad: number): number {
  return amplitudeMPa * Math.sin(phaseRad);
}

/**
 * Rolling peak-to-peak swing of a signal from its exponentially weighted variance: 2√2·σ, exact for
 * a pure sinusoid (twice its amplitude). This is the "pressure variation" the line reports.
 */
export function peakToPeakFromVariance(varianceMPa2: number): number {
  return 2 * Math.SQRT2 * Math.sqrt(Math.max(0, varianceMPa2));
}

/**
 * Wall (container) or ribbon (float) thickness, mm: a power law around the reference point: thinner
 * when the belt runs faster or pressure is higher, thicker when the glass is stiffer (higher η).
 */
export function wallThicknessMm(p: FormingParams, beltSpeedMpm: number, pressureMPa: number, log10EtaDelta: number): number {
  const speed = Math.max(beltSpeedMpm, 5);
  const pressure = Math.max(pressureMPa, 1);
  // One exp for the pressure and viscosity factors: (p0/p)^b · 10^(c·Δlog10η).
  const factors = Math.exp(p.wallPressureExp * Math.log(REFERENCE_PRESSURE_MPA / pressure) + p.wallViscosityExp * Math.LN10 * log10EtaDelta);
  const speedFactor = p.wallSpeedExp === 0.5 ? Math.sqrt(REFERENCE_BELT_MPM / speed) : (REFERENCE_BELT_MPM / speed) ** p.wallSpeedExp;
  return p.nominalWallMm * speedFactor * factors;
}

/** Belt distance to the next unit, m, for a uniform draw `u` in [0, 1). */
export function unitPitchM(p: FormingParams, u: number): number {
  return p.unitPitchM * (1 - p.unitPitchJitter + 2 * p.unitPitchJitter * u);
}

/**
 * Updates an exponentially weighted mean `s[meanOff]` and variance `s[varOff]` with sample `x`
 * (window `windowS`; West's incremental form, Finch 2009 "Incremental calculation of weighted mean and variance").
 */
export function updateRollingStats(s: Float64Array, meanOff: number, varOff: number, x: number, dtS: number, windowS: number): void {
  const alpha = 1 - Math.exp(-dtS / windowS);
  const diff = x - (s[meanOff] as number);
  const incr = alpha * diff;
  s[meanOff] = (s[meanOff] as number) + incr;
  s[varOff] = (1 - alpha) * ((s[varOff] as number) + diff * incr);
}
