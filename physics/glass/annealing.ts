/**
 * Annealing lehr: ware enters just above the annealing point, is cooled at the controlled rate
 * through the annealing range, then fast-cooled to the exit. The centre-to-surface difference of a
 * wall of thickness d cooled from both sides at rate q is ΔT ≈ q·d²/(8a), and the stress it locks in
 * at the surface is σ ≈ (2/3)·E·α·ΔT/(1−ν): PHYSICS_REFERENCE.md "Annealing" and "Thermal stress".
 */
import type { GlassKind } from './line-spec.ts';

/** Elastic and thermal constants for the stress formula. */
export interface GlassElastic {
  /** Young's modulus, Pa. */
  readonly youngPa: number;
  readonly poisson: number;
  /** Linear thermal expansion, 1/K. */
  readonly expansionPerK: number;
  /** Thermal diffusivity, m²/s. */
  readonly diffusivityM2PerS: number;
}

/**
 * Float: Pilkington ATS-129 (E 72 GPa, α 8.3e-6/K, ν 0.23); container: Wikipedia "Soda-lime glass"
 * (E 72 GPa, α 9e-6/K); diffusivity 4.26e-7 m²/s (derived from ATS-129), all in PHYSICS_REFERENCE.md.
 */
export const GLASS_ELASTIC: Readonly<Record<GlassKind, GlassElastic>> = {
  container: { youngPa: 72e9, poisson: 0.23, expansionPerK: 9e-6, diffusivityM2PerS: 4.26e-7 },
  float: { youngPa: 72e9, poisson: 0.23, expansionPerK: 8.3e-6, diffusivityM2PerS: 4.26e-7 },
};

/** Lehr layout constants (unconfirmed: vendors heat to ~580 °C, total anneal 20-60 min). */
export const LEHR = {
  /** Entry (soak) temperature at the reference gob temperature, °C. */
  entryC: 580,
  /** How much the entry temperature follows a gob temperature deviation, K/K. */
  entryGobGain: 0.05,
  entryTauS: 600,
  /** Time in the controlled-cooling section, min. */
  controlledMin: 30,
  /** Fast-cooling section: the remaining excess over ambient is multiplied by this factor. */
  fastCoolFactor: 0.2,
  /** Slowest physically possible cooling rate, °C/min (the lehr cannot hold ware hot forever). */
  minCoolingCPerMin: 0.1,
} as const;

/** E·α/(1−ν), MPa per K of temperature difference (the "with (1−ν)" form; ≈ 0.78 float, 0.84 container). */
export function thermalStressMPaPerK(g: GlassElastic): number {
  return (g.youngPa * g.expansionPerK) / (1 - g.poisson) / 1e6;
}

/** Centre-to-surface temperature difference, K, of a wall `thicknessMm` cooled from both sides at `coolingCPerMin`. */
export function centreToSurfaceK(coolingCPerMin: number, thicknessMm: number, g: GlassElastic): number {
  const d = thicknessMm / 1000;
  return ((coolingCPerMin / 60) * d * d) / (8 * g.diffusivityM2PerS);
}

/**
 * Residual surface stress, MPa, of a parabolic through-thickness profile with centre-to-surface
 * difference ΔT: σ = (2/3)·E·α·ΔT/(1−ν) (the reference's "surface stress ≈ (2/3)·0.78·ΔT").
 */
export function residualStressMPa(deltaTK: number, g: GlassElastic): number {
  return (2 / 3) * thermalStressMPaPerK(g) * deltaTK;
}

/** Lehr exit temperature, °C: controlled cooling from the entry, then the fast-cooling section. */
export function lehrExitC(entryC: number, coolingCPerMin: number, ambientC: number): number {
  const afterControlled = Math.max(ambientC, entryC - coolingCPerMin * LEHR.controlledMin);
  return ambientC + (afterControlled - ambientC) * LEHR.fastCoolFactor;
}

/** Target entry temperature, °C, given the gob temperature's deviation from nominal. */
export function lehrEntryTargetC(gobDeviationK: number): number {
  return LEHR.entryC + LEHR.entryGobGain * gobDeviationK;
}
