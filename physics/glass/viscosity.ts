/**
 * Soda-lime glass viscosity, Vogel-Fulcher-Tammann: log10 η[Pa·s] = A + B / (T − T0).
 * Constants: Wikipedia "Soda-lime glass", typical properties table, read in Pa·s
 * (PHYSICS_REFERENCE.md, "Soda-lime glass viscosity"); valid about 550-1450 °C.
 */
import type { GlassKind } from './line-spec.ts';

/** VFT constants: A (log10 Pa·s), B (°C), T0 (°C). */
export interface VftConstants {
  readonly a: number;
  readonly bC: number;
  readonly t0C: number;
}

/** Container and float/window fits from PHYSICS_REFERENCE.md (Wikipedia "Soda-lime glass"). */
export const VFT: Readonly<Record<GlassKind, VftConstants>> = {
  container: { a: -2.309, bC: 3922, t0C: 291 },
  float: { a: -2.585, bC: 4215, t0C: 263 },
};

/** Named viscosity reference points, log10 η in Pa·s (PHYSICS_REFERENCE.md). */
export const VISCOSITY_POINTS = {
  melting: 1,
  working: 3,
  softening: 6.6,
  annealing: 12,
  strain: 13.5,
} as const;

/**
 * log10 of the viscosity in Pa·s at `tempC`. Below T0 the fit has no meaning; it returns +Infinity.
 * @example log10ViscosityPaS(1030, 'container') // ≈ 3 (working point)
 */
export function log10ViscosityPaS(tempC: number, glass: GlassKind | VftConstants): number {
  const c = typeof glass === 'string' ? VFT[glass] : glass;
  return tempC > c.t0C ? c.a + c.bC / (tempC - c.t0C) : Infinity;
}

/** Viscosity in Pa·s at `tempC`. */
export function viscosityPaS(tempC: number, glass: GlassKind | VftConstants): number {
  return 10 ** log10ViscosityPaS(tempC, glass);
}

/**
 * The temperature (°C) at which log10 η[Pa·s] equals `log10Eta` (inverse VFT). Throws if
 * `log10Eta` ≤ A, where the fit has no finite temperature.
 */
export function tempAtLog10Viscosity(log10Eta: number, glass: GlassKind | VftConstants): number {
  const c = typeof glass === 'string' ? VFT[glass] : glass;
  if (!(log10Eta > c.a)) throw new Error(`tempAtLog10Viscosity: log10 η ${log10Eta} must exceed A = ${c.a}`);
  return c.t0C + c.bC / (log10Eta - c.a);
}
