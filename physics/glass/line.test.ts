import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bounds } from '../model.ts';
import { createGlassLine } from './line.ts';
import { lineRig, recordingSink, seededRng } from './test-harness.ts';

const spec = { id: 'Line_A', glass: 'container', zones: 6, initial: {} } as const;

describe('glass line contract', () => {
  const line = createGlassLine(spec);

  it('is a line with the five setpoints, ids prefixed by the line id, initial values as specified', () => {
    expect(line.kind).toBe('line');
    expect(line.setpoints.map((x) => [x.id, x.initial])).toEqual([
      ['Line_A.furnace_temp', 1500],
      ['Line_A.belt_speed', 150],
      ['Line_A.mold_temp', 450],
      ['Line_A.forming_pressure', 40],
      ['Line_A.lehr_cooling_rate', 4],
    ]);
    const furnace = line.setpoints[0]!;
    expect([furnace.min, furnace.max, furnace.lagS, furnace.rateLimitPerS]).toEqual([1350, 1650, 600, 0.05]);
  });

  it('declares every sensor group with its sampling period, one zone sensor per furnace zone', () => {
    const ids = line.sensors.map((x) => x.id);
    expect(ids).toContain('Line_A.furnace.zone1_temp');
    expect(ids).toContain('Line_A.furnace.zone6_temp');
    expect(ids).not.toContain('Line_A.furnace.zone7_temp');
    for (const name of ['crown_temp', 'melt_level', 'burner_power', 'glass_viscosity']) expect(ids).toContain(`Line_A.furnace.${name}`);
    for (const name of ['belt_speed', 'mold_temp', 'forming_pressure', 'pressure_variation', 'gob_temp', 'wall_thickness']) expect(ids).toContain(`Line_A.forming.${name}`);
    for (const name of ['lehr_entry_temp', 'lehr_exit_temp', 'cooling_rate', 'residual_stress']) expect(ids).toContain(`Line_A.annealing.${name}`);
    for (const name of ['unit_defects', 'unit_thickness', 'defect_severity_max']) expect(ids).toContain(`Line_A.inspection.${name}`);
    const period = (group: string) => line.sensors.find((x) => x.group === group)!.period;
    expect(period('furnace')).toEqual({ kind: 'periodic', periodS: 60 });
    expect(period('forming')).toEqual({ kind: 'periodic', periodS: 1 });
    expect(period('annealing')).toEqual({ kind: 'periodic', periodS: 2 });
    expect(period('inspection')).toEqual({ kind: 'per_unit' });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('nests every sensor limit band (warning ⊂ error ⊂ critical) and warns where the brief says', () => {
    const inside = (a: Bounds, b: Bounds) => (b[0] === null || (a[0] !== null && a[0] >= b[0])) && (b[1] === null || (a[1] !== null && a[1] <= b[1]));
    for (const x of line.sensors) {
      expect(inside(x.limits.warning, x.limits.error), x.id).toBe(true);
      expect(inside(x.limits.error, x.limits.critical), x.id).toBe(true);
      expect(x.noise.std).toBeGreaterThanOrEqual(0);
    }
    const warning = (name: string) => line.sensors.find((x) => x.name === name)!.limits.warning;
    expect(warning('zone1_temp')).toEqual([1400, 1600]);
    expect(warning('belt_speed')[1]).toBe(180);
    expect(warning('mold_temp')[0]).toBe(280);
    expect(warning('pressure_variation')[1]).toBe(15);
    expect(warning('cooling_rate')[1]).toBe(7);
  });

  it('applies spec.initial and refuses unknown or out-of-range initial setpoints and bad zone counts', () => {
    const warm = createGlassLine({ ...spec, initial: { furnace_temp: 1550, belt_speed: 120 } });
    expect(warm.setpoints[0]!.initial).toBe(1550);
    expect(() => createGlassLine({ ...spec, initial: { furnace_tmp: 1500 } })).toThrow(/unknown initial setpoint "furnace_tmp"/);
    expect(() => createGlassLine({ ...spec, initial: { belt_speed: 250 } })).toThrow(/belt_speed = 250 is outside 0..200/);
    expect(() => createGlassLine({ ...spec, zones: 0 })).toThrow(/zones/);
  });
});

describe('glass line at rest', () => {
  it('starts in normal operation at steady state: 24 h at nominal setpoints move no furnace zone by more than 1 °C', () => {
    const r = lineRig(createGlassLine(spec), 3);
    const before = r.model.sensors.map((_, k) => r.model.read(r.s, r.off, k));
    r.run(24);
    r.model.sensors.forEach((x, k) => {
      if (x.group !== 'furnace') return;
      expect(Math.abs(r.model.read(r.s, r.off, k) - (before[k] as number)), x.id).toBeLessThan(x.name === 'burner_power' ? 0.05 : 1);
    });
    expect(r.sensor('mold_temp')).toBeCloseTo(450, 0);
    expect(r.sensor('melt_level')).toBeCloseTo(1200, 1);
    // and every reading is in its normal (warning) band
    r.model.sensors.forEach((x, k) => {
      if (x.group === 'inspection') return;
      const v = r.model.read(r.s, r.off, k);
      const [lo, hi] = x.limits.warning;
      if (lo !== null) expect(v, x.id).toBeGreaterThanOrEqual(lo);
      if (hi !== null) expect(v, x.id).toBeLessThanOrEqual(hi);
    });
  });

  it('starts at steady state for overridden initial setpoints too (furnace 1550 °C, belt 120 m/min)', () => {
    const r = lineRig(createGlassLine({ ...spec, initial: { furnace_temp: 1550, belt_speed: 120 } }), 4);
    const mean = () => r.model.sensors.filter((x) => x.name.startsWith('zone')).reduce((a, x) => a + r.sensor(x.name), 0) / 6;
    expect(mean()).toBeCloseTo(1550, 6);
    r.run(12);
    expect(Math.abs(mean() - 1550)).toBeLessThan(0.5);
  });

  it('draws the melter heat map with its hot spot inside, cooler at the charging end and the throat', () => {
    const r = lineRig(createGlassLine({ ...spec, zones: 10 }), 5);
    const temps = Array.from({ length: 10 }, (_, i) => r.sensor(`zone${i + 1}_temp`));
    const hot = temps.indexOf(Math.max(...temps));
    expect(hot).toBeGreaterThan(2);
    expect(hot).toBeLessThan(8);
    expect(temps[0]).toBeLessThan(temps[hot]! - 25);
    expect(temps[9]).toBeLessThan(temps[hot]! - 25);
  });

  it('tracks a furnace setpoint change with its PI controller: 1500 → 1560 °C within 1 K after 12 h', () => {
    const r = lineRig(createGlassLine(spec), 6);
    r.setSp('furnace_temp', 1560);
    r.run(12);
    const mean = Array.from({ length: 6 }, (_, i) => r.sensor(`zone${i + 1}_temp`)).reduce((a, b) => a + b) / 6;
    expect(Math.abs(mean - 1560)).toBeLessThan(1);
    expect(r.sensor('burner_power')).toBeGreaterThan(17.4);
  });

  it('stays stable at dtS 60 (the engine’s coarsest step) and agrees with dtS 1', () => {
    const a = lineRig(createGlassLine(spec), 7);
    const b = lineRig(createGlassLine(spec), 7);
    for (const r of [a, b]) r.setSp('furnace_temp', 1580);
    a.run(8, { dtS: 1 });
    b.run(8, { dtS: 60 });
    expect(Math.abs(a.sensor('zone3_temp') - b.sensor('zone3_temp'))).toBeLessThan(2);
    expect(Math.abs(a.sensor('mold_temp') - b.sensor('mold_temp'))).toBeLessThan(1);
    expect(Math.abs(a.rec.units.length - b.rec.units.length) / a.rec.units.length).toBeLessThan(0.01);
  });

  it('produces units at belt speed / pitch: ~1 every 4 s at 150 m/min, twice as many at 300… capped 200 m/min', () => {
    const r = lineRig(createGlassLine(spec), 8);
    r.run(1);
    expect(r.rec.units.length).toBeGreaterThan(800);
    expect(r.rec.units.length).toBeLessThan(1000);
    expect(r.rec.units).toEqual(Array.from({ length: r.rec.units.length }, (_, i) => i + 1));
    r.setSp('belt_speed', 0);
    r.clear();
    r.run(0.5);
    expect(r.rec.units.length).toBe(0);
  });
});

describe('glass line anywhere in its setpoint ranges', () => {
  it('starts and runs with every reading finite and physical, for any initial setpoints and any changes', () => {
    const range = (name: string) => {
      const sp = createGlassLine(spec).setpoints.find((x) => x.name === name)!;
      return fc.double({ min: sp.min, max: sp.max, noNaN: true });
    };
    const setpoints = fc.record({
      furnace_temp: range('furnace_temp'),
      belt_speed: range('belt_speed'),
      mold_temp: range('mold_temp'),
      forming_pressure: range('forming_pressure'),
      lehr_cooling_rate: range('lehr_cooling_rate'),
    });
    fc.assert(
      fc.property(setpoints, setpoints, fc.integer({ min: 1, max: 1000 }), (initial, later, seed) => {
        const r = lineRig(createGlassLine({ ...spec, initial }), seed);
        r.run(0.25, { dtS: 5 });
        for (const [name, value] of Object.entries(later)) r.setSp(name, value);
        r.run(1, { dtS: 5 });
        r.model.sensors.forEach((x, k) => {
          const v = r.model.read(r.s, r.off, k);
          expect(Number.isFinite(v), x.id).toBe(true);
          if (x.unit === '°C') expect(v, x.id).toBeGreaterThan(0);
          if (x.unit === '°C') expect(v, x.id).toBeLessThan(2000);
        });
        expect(r.sensor('wall_thickness')).toBeGreaterThan(0);
        expect(r.sensor('belt_speed')).toBeLessThanOrEqual(200);
      }),
      { numRuns: 25, seed: 20240314 },
    );
  });
});

describe('glass line faults', () => {
  const line = createGlassLine(spec);
  const s = new Float64Array(line.stateSize);
  const rng = seededRng(1);
  line.init(s, 0, rng, { ambientC: 20 });

  it.each([
    [{ type: 'bearing_spall', params: {} }, /unknown fault type "bearing_spall"/],
    [{ type: 'burner_drift', params: { ratePerH: 5 } }, /burner_drift needs parameter maxC/],
    [{ type: 'burner_drift', params: { ratePerH: 5, maxC: -1 } }, /maxC = -1 is not a positive/],
    [{ type: 'pressure_oscillation', params: { amplitudeMPa: 10, periodS: 0 } }, /periodS = 0/],
    [{ type: 'pressure_oscillation', params: { amplitudeMPa: 10, periodS: Number.NaN } }, /periodS = NaN/],
    [{ type: 'mold_heater_failure', params: { power: 0 } }, /no parameter "power"/],
    [{ type: 'lehr_fan_failure', params: {} }, /needs parameter extraCoolingCPerMin/],
    [{ type: 'batch_contamination', params: { severity: 0 } }, /severity = 0/],
  ])('refuses %j', (fault, message) => {
    const sink = recordingSink();
    expect(() => line.injectFault(s, 0, fault, rng, sink.sink)).toThrow(message);
    expect(sink.faults).toEqual([]);
    expect(line.truth(s, 0).activeFaults).toEqual([]);
  });

  it('reports onset and truth for an accepted fault, and maintain() clears every fault', () => {
    const r = lineRig(line, 2);
    r.model.injectFault(r.s, r.off, { type: 'lehr_fan_failure', params: { extraCoolingCPerMin: 5 } }, r.rng, r.rec.sink);
    r.model.injectFault(r.s, r.off, { type: 'belt_overspeed', params: { offsetMpm: 20 } }, r.rng, r.rec.sink);
    expect(r.rec.faults).toEqual([
      { fault: 'lehr_fan_failure', detail: { extraCoolingCPerMin: 5 } },
      { fault: 'belt_overspeed', detail: { offsetMpm: 20 } },
    ]);
    expect(r.model.truth(r.s, r.off)).toEqual({ rulH: null, health: null, activeFaults: ['lehr_fan_failure', 'belt_overspeed'] });
    r.run(0.01);
    expect(r.sensor('cooling_rate')).toBeCloseTo(9, 9); // abrupt: 4 + 5 at once
    expect(r.sensor('belt_speed')).toBeCloseTo(170, 9);
    r.model.maintain(r.s, r.off, r.rng, r.rec.sink);
    expect(r.model.truth(r.s, r.off).activeFaults).toEqual([]);
    expect(r.rec.maintenance).toEqual(['line_service']);
    r.run(0.01);
    expect(r.sensor('cooling_rate')).toBeCloseTo(4, 9);
  });

  it('the batch analyser reads how far the batch is from its recipe, whichever way, plus any contamination', () => {
    const r = lineRig(line, 6);
    r.run(0.01, { rawMaterialDev: -1.2 });
    expect(r.sensor('batch_deviation')).toBeCloseTo(1.2, 9);
    r.model.injectFault(r.s, r.off, { type: 'batch_contamination', params: { severity: 2.5 } }, r.rng, r.rec.sink);
    r.run(0.01, { rawMaterialDev: 0.4 });
    expect(r.sensor('batch_deviation')).toBeCloseTo(2.9, 9);
    r.model.maintain(r.s, r.off, r.rng, r.rec.sink);
    r.run(0.01, { rawMaterialDev: 0.4 });
    expect(r.sensor('batch_deviation')).toBeCloseTo(0.4, 9);
  });

  it('contaminated batch reaches inspection only after its way through the melt, while the analyser reads it at once', () => {
    const r = lineRig(line, 7);
    r.model.injectFault(r.s, r.off, { type: 'batch_contamination', params: { severity: 3.5 } }, r.rng, r.rec.sink);
    r.run(0.25);
    expect(r.sensor('batch_deviation')).toBeCloseTo(3.5, 9);
    expect(r.rate('stain')).toBeLessThan(0.005);
    r.run(3.75);
    r.clear();
    r.run(2);
    expect(r.rate('stain')).toBeGreaterThan(0.03);
    // Flushing the silo stops the analyser's alarm, not the contaminated glass already in the tank.
    r.model.maintain(r.s, r.off, r.rng, r.rec.sink);
    r.clear();
    r.run(0.25);
    expect(r.sensor('batch_deviation')).toBe(0);
    expect(r.rate('stain')).toBeGreaterThan(0.03);
  });

  it('burner_drift makes the real melt climb above setpoint by the drift while the controller reads setpoint', () => {
    const r = lineRig(line, 3);
    r.model.injectFault(r.s, r.off, { type: 'burner_drift', params: { ratePerH: 20, maxC: 60 } }, r.rng, r.rec.sink);
    r.run(20);
    const mean = Array.from({ length: 6 }, (_, i) => r.sensor(`zone${i + 1}_temp`)).reduce((a, b) => a + b) / 6;
    expect(mean).toBeGreaterThan(1555);
    expect(mean).toBeLessThan(1565);
  });

  it('mold_heater_failure lets the mould cool below 280 °C within the hour, toward ~230 °C', () => {
    const r = lineRig(line, 4);
    r.model.injectFault(r.s, r.off, { type: 'mold_heater_failure', params: {} }, r.rng, r.rec.sink);
    r.run(1 / 60);
    expect(r.sensor('mold_temp')).toBeGreaterThan(440);
    r.run(1);
    expect(r.sensor('mold_temp')).toBeLessThan(280);
    r.run(3);
    expect(r.sensor('mold_temp')).toBeGreaterThan(215);
    expect(r.sensor('mold_temp')).toBeLessThan(245);
  });

  it('pressure_oscillation shows as a pressure variation (peak to peak) of about twice its amplitude', () => {
    const r = lineRig(line, 5);
    expect(r.sensor('pressure_variation')).toBeLessThan(6);
    r.model.injectFault(r.s, r.off, { type: 'pressure_oscillation', params: { amplitudeMPa: 10, periodS: 10 } }, r.rng, r.rec.sink);
    r.run(0.1);
    expect(r.sensor('pressure_variation')).toBeGreaterThan(17);
    expect(r.sensor('pressure_variation')).toBeLessThan(24);
  });
});

describe('glass line determinism', () => {
  const scenario = (seed: number) => {
    const r = lineRig(createGlassLine(spec), seed);
    r.run(1);
    r.model.injectFault(r.s, r.off, { type: 'pressure_oscillation', params: { amplitudeMPa: 18, periodS: 6 } }, r.rng, r.rec.sink);
    r.setSp('belt_speed', 185);
    r.run(1, { rawMaterialDev: 1.5 });
    return r;
  };

  it('gives the same state bytes and events for the same seed, and different ones for another seed', () => {
    const a = scenario(11);
    const b = scenario(11);
    const c = scenario(12);
    expect(Buffer.from(a.s.buffer).equals(Buffer.from(b.s.buffer))).toBe(true);
    expect(a.rec.defects).toEqual(b.rec.defects);
    expect(a.rec.defects.length).toBeGreaterThan(0);
    expect(Buffer.from(a.s.buffer).equals(Buffer.from(c.s.buffer))).toBe(false);
  });

  it('forks by copying the state slice: the copy continues exactly like the original', () => {
    const line = createGlassLine(spec);
    const a = lineRig(line, 21);
    a.run(2);
    const b = lineRig(line, 99);
    b.s.set(a.s);
    const ra = seededRng(7);
    const rb = seededRng(7);
    const ctx = { tS: 0, dtS: 1, ambientC: 25, rawMaterialDev: 0.3 };
    for (let i = 0; i < 3600; i++) {
      line.step(a.s, a.off, a.sp, a.spOff, ctx, ra, a.rec.sink);
      line.step(b.s, b.off, b.sp, b.spOff, ctx, rb, b.rec.sink);
    }
    expect(Buffer.from(a.s.buffer).equals(Buffer.from(b.s.buffer))).toBe(true);
  });

  it('uses no wall clock, Math.random, environment or I/O in its sources', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const src = readFileSync(join(here, file), 'utf8');
      expect(src, file).not.toMatch(/Date\.now|new Date|Math\.random|process\.|performance\.now|from 'node:/);
    }
  });
});
