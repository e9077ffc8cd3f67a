import { describe, expect, it } from 'vitest';
import { centreToSurfaceK, GLASS_ELASTIC, lehrExitC, residualStressMPa, thermalStressMPaPerK } from './annealing.ts';

describe('annealing stress', () => {
  it('uses σ = E·α·ΔT/(1−ν): 0.78 MPa/K for float and 0.84 MPa/K for container (reference, derived)', () => {
    expect(thermalStressMPaPerK(GLASS_ELASTIC.float)).toBeCloseTo(0.78, 2);
    expect(thermalStressMPaPerK(GLASS_ELASTIC.container)).toBeCloseTo(0.84, 2);
  });

  it('reaches the 19 MPa annealed design stress at ~24 K of float temperature difference (reference, derived)', () => {
    expect(19 / thermalStressMPaPerK(GLASS_ELASTIC.float)).toBeCloseTo(24, 0);
  });

  it('locks in (2/3) of the full-difference stress at the surface of a parabolic profile', () => {
    expect(residualStressMPa(10, GLASS_ELASTIC.float)).toBeCloseTo((2 / 3) * 0.78 * 10, 1);
  });

  it('has ΔT = q·d²/(8a): 6 mm float at 6 °C/min gives 0.1·36e-6/(8·4.26e-7) ≈ 1.06 K', () => {
    expect(centreToSurfaceK(6, 6, GLASS_ELASTIC.float)).toBeCloseTo(1.056, 3);
  });

  it('grows linearly with cooling rate and with the square of thickness', () => {
    const base = centreToSurfaceK(4, 3, GLASS_ELASTIC.container);
    expect(centreToSurfaceK(8, 3, GLASS_ELASTIC.container)).toBeCloseTo(2 * base, 12);
    expect(centreToSurfaceK(4, 6, GLASS_ELASTIC.container)).toBeCloseTo(4 * base, 12);
  });

  it('lets ware leave the lehr cooler when the controlled section cools faster, never below ambient', () => {
    expect(lehrExitC(580, 8, 25)).toBeLessThan(lehrExitC(580, 4, 25));
    expect(lehrExitC(580, 100, 25)).toBe(25);
  });
});
