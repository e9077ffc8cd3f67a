/**
 * The causal relations of a glass line, simulated end to end: each condition is produced the way an
 * operator or a fault would (setpoint or injected fault), and the rate of the stated defect type is
 * compared with a healthy run of the same length and seed.
 */
import { describe, expect, it } from 'vitest';
import type { DefectType } from '../model.ts';
import { createGlassLine } from './line.ts';
import { lineRig } from './test-harness.ts';

type Rig = ReturnType<typeof lineRig>;

const WARM_UP_H = 6;
const MEASURE_H = 6;

/** Rate of `type` (fraction of units) over MEASURE_H after WARM_UP_H, with `condition` applied at t = 0. */
function defectRate(type: DefectType, condition: (r: Rig) => void, glass: 'container' | 'float' = 'container') {
  const r = lineRig(createGlassLine({ id: 'Line_T', glass, zones: 8, initial: {} }), 42);
  condition(r);
  r.run(WARM_UP_H);
  r.clear();
  r.run(MEASURE_H);
  const ofType = r.rec.defects.filter((d) => d.type === type);
  return { rate: r.rate(type), causes: new Set(ofType.flatMap((d) => d.causes)), units: r.rec.units.length, rig: r };
}

const healthy = () => undefined;
const fault = (type: string, params: Record<string, number>) => (r: Rig) =>
  r.model.injectFault(r.s, r.off, { type, params }, r.rng, r.rec.sink);

const CASES: [string, DefectType, (r: Rig) => void, string][] = [
  ['furnace_temp 1640 °C (> 1600)', 'crack', (r) => r.setSp('furnace_temp', 1640), 'furnace_overheat'],
  ['furnace_temp 1420 °C (< 1450)', 'cloudiness', (r) => r.setSp('furnace_temp', 1420), 'furnace_underheat'],
  ['belt_speed 190 m/min (> 180)', 'deformation', (r) => r.setSp('belt_speed', 190), 'belt_overspeed'],
  ['mold_temp 250 °C (< 280)', 'stress_fracture', (r) => r.setSp('mold_temp', 250), 'mold_too_cold'],
  ['pressure oscillation of ±10 MPa (variation 20 > 15 peak to peak)', 'bubble', fault('pressure_oscillation', { amplitudeMPa: 10, periodS: 8 }), 'pressure_variation'],
  ['lehr_cooling_rate 9 °C/min (> 7)', 'crack', (r) => r.setSp('lehr_cooling_rate', 9), 'cooling_too_fast'],
  ['batch contamination (raw-material deviation 2.5)', 'stain', fault('batch_contamination', { severity: 2.5 }), 'raw_material'],
  ['burner thermocouple drift 40 °C/h up to 150 °C', 'crack', fault('burner_drift', { ratePerH: 40, maxC: 150 }), 'furnace_overheat'],
  ['mould heater failure', 'stress_fracture', fault('mold_heater_failure', {}), 'mold_too_cold'],
  ['lehr fan failure adding 5 °C/min', 'crack', fault('lehr_fan_failure', { extraCoolingCPerMin: 5 }), 'cooling_too_fast'],
  ['belt overspeed of +35 m/min', 'deformation', fault('belt_overspeed', { offsetMpm: 35 }), 'belt_overspeed'],
];

describe('glass line: each out-of-range condition raises its defect', () => {
  for (const [condition, type, apply, cause] of CASES) {
    it(`${condition} → ${type} rate at least 10× the healthy rate, caused by ${cause}`, () => {
      const base = defectRate(type, healthy);
      const bad = defectRate(type, apply);
      expect(base.units).toBeGreaterThan(4000); // ~1 unit per 4 s for 6 h
      expect(base.rate).toBeLessThan(0.01);
      expect(bad.rate).toBeGreaterThan(10 * base.rate);
      expect(bad.rate).toBeGreaterThan(0.03);
      expect([...bad.causes]).toContain(cause);
    });
  }

  it('a healthy line loses 1-2 % of its units (container and float)', () => {
    for (const glass of ['container', 'float'] as const) {
      const r = defectRate('crack', healthy, glass).rig;
      expect(r.rate()).toBeGreaterThan(0.01);
      expect(r.rate()).toBeLessThan(0.02);
    }
  });

  it('inside the range there is no effect: furnace_temp 1560 °C keeps cracks at the healthy rate (within 2×)', () => {
    const base = defectRate('crack', healthy);
    const warm = defectRate('crack', (r) => r.setSp('furnace_temp', 1560));
    expect(warm.rate).toBeLessThan(2 * base.rate + 0.001);
  });
});
