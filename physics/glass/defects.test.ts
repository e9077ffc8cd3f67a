import { describe, expect, it } from 'vitest';
import { DEFECT_TYPES, type DefectCause, type DefectType } from '../model.ts';
import {
  COND,
  COND_WORDS,
  defectCauses,
  defectProbabilities,
  DRAW,
  DRAW_WORDS,
  drawUnitDefects,
  type DefectConditions,
} from './defects.ts';
import { seededRng } from './test-harness.ts';

const HEALTHY: DefectConditions = {
  furnaceTempC: 1500,
  beltSpeedMpm: 150,
  moldTempC: 450,
  pressureVariationMPa: 3.2,
  coolingRateCPerMin: 4,
  rawMaterialDev: 0,
};

const anyDefect = (c: DefectConditions): number =>
  1 - Object.values(defectProbabilities(c)).reduce((a, p) => a * (1 - p), 1);

describe('defect hazards', () => {
  it('lose 1-2 % of units on a healthy line', () => {
    expect(anyDefect(HEALTHY)).toBeGreaterThan(0.01);
    expect(anyDefect(HEALTHY)).toBeLessThan(0.02);
  });

  const RELATIONS: [string, Partial<DefectConditions>, DefectType, DefectCause][] = [
    ['furnace above 1600 °C', { furnaceTempC: 1620 }, 'crack', 'furnace_overheat'],
    ['furnace below 1450 °C', { furnaceTempC: 1430 }, 'cloudiness', 'furnace_underheat'],
    ['belt above 180 m/min', { beltSpeedMpm: 186 }, 'deformation', 'belt_overspeed'],
    ['mould below 280 °C', { moldTempC: 260 }, 'stress_fracture', 'mold_too_cold'],
    ['pressure variation above 15 MPa', { pressureVariationMPa: 18 }, 'bubble', 'pressure_variation'],
    ['cooling faster than 7 °C/min', { coolingRateCPerMin: 8 }, 'crack', 'cooling_too_fast'],
    ['raw material 3σ off', { rawMaterialDev: -3 }, 'stain', 'raw_material'],
    ['raw material 3σ off', { rawMaterialDev: 3 }, 'bubble', 'raw_material'],
  ];
  for (const [condition, change, type, cause] of RELATIONS) {
    it(`${condition} raises ${type} at least 10-fold and names ${cause} as the cause`, () => {
      const bad = { ...HEALTHY, ...change };
      expect(defectProbabilities(bad)[type]).toBeGreaterThan(10 * defectProbabilities(HEALTHY)[type]);
      expect(defectCauses(type, bad)).toContain(cause);
      expect(defectCauses(type, HEALTHY)).toEqual(['random']);
    });
  }

  it('are smooth: a logistic that is half its peak at the threshold and rises continuously through it', () => {
    const at = (furnaceTempC: number): number => defectProbabilities({ ...HEALTHY, furnaceTempC }).crack;
    const base = at(1500);
    const far = at(1700);
    expect((at(1600) - base) / (far - base)).toBeCloseTo(0.5, 1);
    let previous = 0;
    for (let t = 1560; t <= 1640; t += 2) {
      const p = at(t);
      expect(p).toBeGreaterThan(previous);
      expect(p - previous).toBeLessThan(0.02); // no step anywhere
      previous = p;
    }
  });

  it('leave unrelated types alone: an overheated furnace does not deform units', () => {
    const bad = defectProbabilities({ ...HEALTHY, furnaceTempC: 1650 });
    expect(bad.deformation).toBeCloseTo(defectProbabilities(HEALTHY).deformation, 6);
  });

  it('name both causes when two push the same type: hot furnace and fast cooling both crack', () => {
    expect(defectCauses('crack', { ...HEALTHY, furnaceTempC: 1630, coolingRateCPerMin: 9 })).toEqual(['furnace_overheat', 'cooling_too_fast']);
  });
});

describe('drawUnitDefects', () => {
  const draw = (cond: DefectConditions, units: number, seed: number) => {
    const c = new Float64Array(COND_WORDS);
    for (const k of Object.keys(COND) as (keyof typeof COND)[]) c[COND[k]] = cond[k];
    const d = new Float64Array(DEFECT_TYPES.length * DRAW_WORDS);
    const rng = seededRng(seed);
    const severities: number[] = [];
    let count = 0;
    for (let u = 0; u < units; u++) {
      count += drawUnitDefects(c, 0, d, 0, rng);
      for (let i = 0; i < DEFECT_TYPES.length; i++) {
        const w = i * DRAW_WORDS;
        if (!d[w + DRAW.drawn]) continue;
        severities.push(d[w + DRAW.severity] as number);
        for (const k of [DRAW.x, DRAW.y, DRAW.severity]) {
          expect(d[w + k]).toBeGreaterThanOrEqual(0);
          expect(d[w + k]).toBeLessThanOrEqual(1);
        }
      }
    }
    return { count, meanSeverity: severities.reduce((a, b) => a + b, 0) / severities.length };
  };

  it('draws defects at the rate the hazards give (healthy: 1-2 % of 20 000 units)', () => {
    const { count } = draw(HEALTHY, 20_000, 5);
    expect(count / 20_000).toBeGreaterThan(0.01);
    expect(count / 20_000).toBeLessThan(0.02);
  });

  it('makes defects more severe the further a cause is past its threshold', () => {
    const healthy = draw(HEALTHY, 20_000, 6).meanSeverity;
    const justPast = draw({ ...HEALTHY, beltSpeedMpm: 182 }, 5_000, 7).meanSeverity;
    const farPast = draw({ ...HEALTHY, beltSpeedMpm: 198 }, 5_000, 8).meanSeverity;
    expect(healthy).toBeLessThan(0.4);
    expect(justPast).toBeGreaterThan(healthy);
    expect(farPast).toBeGreaterThan(justPast + 0.2);
  });
});
