import { describe, expect, it } from 'vitest';
import { log10ViscosityPaS, tempAtLog10Viscosity, viscosityPaS, VISCOSITY_POINTS } from './viscosity.ts';

// Derived temperatures from the reference-points table in PHYSICS_REFERENCE.md.
const TABLE = {
  container: { melting: 1476, working: 1030, softening: 731, annealing: 565, strain: 539 },
  float: { melting: 1439, working: 1018, softening: 722, annealing: 552, strain: 525 },
} as const;

describe('VFT viscosity of soda-lime glass', () => {
  for (const glass of ['container', 'float'] as const) {
    for (const [point, tempC] of Object.entries(TABLE[glass])) {
      const log10Eta = VISCOSITY_POINTS[point as keyof typeof VISCOSITY_POINTS];
      it(`puts the ${glass} ${point} point (log10 η = ${log10Eta}) within 1.5 °C of ${tempC} °C`, () => {
        expect(Math.abs(tempAtLog10Viscosity(log10Eta, glass) - tempC)).toBeLessThan(1.5);
        // and the forward fit reads the same viscosity at the table temperature, within 0.02 decades
        expect(Math.abs(log10ViscosityPaS(tempC, glass) - log10Eta)).toBeLessThan(0.02);
      });
    }
  }

  it('is the inverse of itself over the valid range', () => {
    for (let tempC = 550; tempC <= 1450; tempC += 25) {
      expect(tempAtLog10Viscosity(log10ViscosityPaS(tempC, 'float'), 'float')).toBeCloseTo(tempC, 9);
    }
  });

  it('falls monotonically with temperature, and viscosityPaS is 10^log10', () => {
    expect(log10ViscosityPaS(1100, 'container')).toBeLessThan(log10ViscosityPaS(1000, 'container'));
    expect(viscosityPaS(1030, 'container')).toBeCloseTo(10 ** log10ViscosityPaS(1030, 'container'), 6);
  });

  it('agrees with the measured Pilkington float softening point (715 °C) within the ~15 °C the reference states', () => {
    expect(Math.abs(tempAtLog10Viscosity(6.6, 'float') - 715)).toBeLessThan(15);
  });

  it('refuses a viscosity at or below the high-temperature limit A', () => {
    expect(() => tempAtLog10Viscosity(-3, 'container')).toThrow(/must exceed A/);
  });
});
