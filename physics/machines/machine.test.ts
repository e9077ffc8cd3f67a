import { describe, expect, it } from 'vitest';
import { createMachine, INIT_AMBIENT_C } from './machine.ts';
import { builtinProfiles } from './profile.ts';
import { Rig, seededRng } from './testing.ts';

const pump = () => builtinProfiles().get('pump')!;

describe('createMachine: declared channels', () => {
  const m = createMachine({ id: 'pump_003', profile: 'pump', initial: { load: 70 }, ageH: 0 }, pump());

  it('is a machine asset with the profile sensors, ids prefixed by the asset', () => {
    expect(m.asset).toBe('pump_003');
    expect(m.kind).toBe('machine');
    expect(m.sensors.map((c) => c.id)).toContain('pump_003.vibration_rms_mm_s');
    expect(m.sensors.map((c) => c.id)).toContain('pump_003.power_kw'); // derived sensors too
    for (const c of m.sensors) {
      expect(c).toMatchObject({ asset: 'pump_003', assetKind: 'machine', group: 'machine', period: { kind: 'periodic' } });
      expect(c.id).toBe(`pump_003.${c.name}`);
    }
  });

  it('has load and speed setpoints in percent of rated, 0-110, initial from the spec or 80/100, lagged and rate-limited', () => {
    expect(m.setpoints.map((p) => [p.id, p.unit, p.min, p.max, p.initial])).toEqual([
      ['pump_003.load', '%', 0, 110, 70],
      ['pump_003.speed', '%', 0, 110, 100],
    ]);
    for (const p of m.setpoints) {
      expect(p.lagS).toBe(3);
      expect(p.rateLimitPerS).toBe(5);
    }
  });

  it('accepts its failure modes and aliases as fault types', () => {
    expect(m.faultTypes).toEqual(['bearing_wear', 'impeller_wear', 'bearing_spall']);
  });

  it('rejects unknown or out-of-range initial setpoints and a bad age', () => {
    const make = (initial: Record<string, number>, ageH = 0) => () => createMachine({ id: 'p', profile: 'pump', initial, ageH }, pump());
    expect(make({ flow: 50 })).toThrow('machine "p": initial.flow is not a setpoint (accepted: load, speed)');
    expect(make({ load: 120 })).toThrow('machine "p": initial.load = 120 must be a percentage in [0, 110]');
    expect(make({}, -5)).toThrow('machine "p": ageH -5 must be a finite number >= 0');
  });
});

describe('remaining useful life (truth.rulH)', () => {
  it('strictly decreases while running and is exactly 0 at the failure step, with one failure event', () => {
    const rig = new Rig('motor', { seed: 3 }).step(1, 10).inject('bearing_wear', { rateMultiplier: 2000 });
    let prev = rig.truth().rulH!;
    let failedAt = -1;
    for (let i = 0; i < 20_000 && failedAt < 0; i++) {
      rig.step(1);
      const { rulH, health } = rig.truth();
      if (rig.sink.events.some((e) => e.kind === 'failure')) {
        failedAt = i;
        expect(rulH).toBe(0);
        expect(health).toBe(0);
      } else {
        expect(rulH!).toBeLessThan(prev);
        expect(rulH!).toBeGreaterThan(0);
      }
      prev = rulH!;
    }
    expect(failedAt).toBeGreaterThan(100);
    expect(rig.sink.events.filter((e) => e.kind === 'failure')).toEqual([{ kind: 'failure', asset: 'motor_001', mode: 'bearing_wear' }]);
  });

  it('stays 0 after failure; the machine stays stopped whatever its setpoints say', () => {
    const rig = new Rig('pump', { seed: 4 }).inject('bearing_spall', { rateMultiplier: 5000 });
    rig.runToFailure(10, 100_000);
    rig.set(100, 100).step(10, 100);
    expect(rig.truth()).toMatchObject({ rulH: 0, health: 0 });
    expect(rig.read('flow_m3h')).toBe(0);
    expect(rig.read('current_a')).toBe(0);
    expect(rig.read('vibration_rms_mm_s')).toBeLessThan(0.1);
    expect(rig.sink.events.filter((e) => e.kind === 'failure')).toHaveLength(1);
  });

  it('does not change while the machine is stopped by its speed setpoint', () => {
    const rig = new Rig('fan', { seed: 5 }).inject('bearing_wear', { rateMultiplier: 50 }).step(60, 10);
    const before = rig.truth().rulH;
    rig.set(80, 0).step(60, 100);
    expect(rig.truth().rulH).toBe(before);
    rig.set(80, 100).step(60, 1);
    expect(rig.truth().rulH!).toBeLessThan(before!);
  });

  it('is in equivalent hours at rated conditions: at rated load it falls one hour per hour', () => {
    const rig = new Rig('fan', { seed: 6, loadPct: 100 }).step(3600, 1);
    const before = rig.truth().rulH!;
    rig.step(3600, 10);
    expect(before - rig.truth().rulH!).toBeCloseTo(10, 6); // fan rate laws are exactly 1 at rated
  });

  it('does not depend on the step size', () => {
    const fine = new Rig('motor', { seed: 7 }).step(1, 3600);
    const coarse = new Rig('motor', { seed: 7 }).step(3600, 1);
    expect(coarse.truth().rulH!).toBeCloseTo(fine.truth().rulH!, 6);
    expect(coarse.read('winding_temp_c')).toBeCloseTo(fine.read('winding_temp_c'), 6);
  });

  it('fails at the instant the damage reaches the failure threshold, also inside a long step', () => {
    const rig = new Rig('conveyor', { seed: 8 }).inject('gearbox_wear', { rateMultiplier: 100 });
    const rul = rig.truth().rulH!;
    rig.runToFailure(7 * 24 * 3600, 1000); // week-long steps
    expect(rig.truth().rulH).toBe(0);
    expect(rul).toBeGreaterThan(0);
  });
});

describe('degradation and faults', () => {
  it('makes vibration grow exponentially after a bearing onset', () => {
    const rig = new Rig('motor', { seed: 9, loadPct: 100 }).step(600, 6);
    const healthy = rig.read('vibration_rms_mm_s');
    rig.inject('bearing_wear', { rateMultiplier: 100 });
    const hourly: number[] = [];
    let last = 0;
    rig.runToFailure(60, 100_000, (r) => {
      if (r.truth().rulH === 0) return;
      last = r.read('vibration_rms_mm_s') - healthy;
      if (r.tS % 3600 === 0) hourly.push(last);
    });
    expect(hourly.length).toBeGreaterThan(5);
    for (let i = 1; i < hourly.length; i++) expect(hourly[i]!).toBeGreaterThan(hourly[i - 1]!);
    // Exponential: each hour's increment is larger than the previous one.
    for (let i = 2; i < hourly.length; i++) expect(hourly[i]! - hourly[i - 1]!).toBeGreaterThan(hourly[i - 1]! - hourly[i - 2]!);
    expect(last).toBeGreaterThan(4.5); // grown from ~0 to beyond ISO zone C/D
  });

  it('reports an injected fault once, with its cause and acceleration', () => {
    const rig = new Rig('compressor', { seed: 10 }).inject('valve_disc_break');
    expect(rig.sink.events).toEqual([
      { kind: 'faultOnset', asset: 'compressor_001', fault: 'valve_wear', detail: { cause: 'injected', type: 'valve_disc_break', rateMultiplier: 50 } },
    ]);
    rig.step(60, 100);
    expect(rig.sink.events.filter((e) => e.kind === 'faultOnset')).toHaveLength(1);
    expect(rig.truth().activeFaults).toEqual(['valve_wear']);
  });

  it('bearing_spall starts bearing wear now at 20× the rate of bearing_wear', () => {
    const a = new Rig('hydraulic', { seed: 11 }).inject('bearing_wear');
    const b = new Rig('hydraulic', { seed: 11 }).inject('bearing_spall');
    const remaining = (r: Rig) => r.truth().rulH!;
    // Both start now; the spall's remaining bearing life is 1/20 (unless another mode is nearer).
    expect(remaining(b)).toBeCloseTo(Math.min(remaining(a) / 20, remaining(b)), 9);
    expect(remaining(b)).toBeLessThan(remaining(a));
  });

  it('reports a random onset exactly once, as the damage time passes it', () => {
    const rig = new Rig('cnc', { seed: 12, loadPct: 100 }); // tool-wear onsets are tens of hours away
    rig.runToFailure(60, 500 * 60);
    const onsets = rig.sink.events.filter((e) => e.kind === 'faultOnset');
    expect(onsets).toEqual([{ kind: 'faultOnset', asset: 'cnc_001', fault: 'tool_wear', detail: { cause: 'random' } }]);
    expect(rig.sink.events.at(-1)).toEqual({ kind: 'failure', asset: 'cnc_001', mode: 'tool_wear' });
  });

  it('throws on an unknown fault type or parameter, naming it', () => {
    const rig = new Rig('pump');
    expect(() => rig.inject('gear_wear')).toThrow(
      'machine "pump_001" (pump): unknown fault type "gear_wear"; accepted: bearing_wear, impeller_wear, bearing_spall',
    );
    expect(() => rig.inject('bearing_wear', { severity: 2 })).toThrow(
      'machine "pump_001": fault "bearing_wear": unknown parameter "severity" (accepted: rateMultiplier)',
    );
    expect(() => rig.inject('bearing_wear', { rateMultiplier: 0.5 })).toThrow('rateMultiplier 0.5 must be a finite number >= 1');
  });

  it('pre-ages a machine by ageH: original parts that survived a long age have less life left', () => {
    // Bearing onsets are Weibull with shape 1.4 > 1: the hazard grows with age.
    const meanRulH = (ageH: number) => {
      const ruls = Array.from({ length: 300 }, (_, seed) => new Rig('motor', { seed, ageH }).truth().rulH!);
      return ruls.reduce((a, b) => a + b, 0) / ruls.length;
    };
    expect(meanRulH(60_000)).toBeLessThan(0.85 * meanRulH(0));
  });

  it('pre-ages consumables as a renewal process: an old machine has a tool of a random age, not a 20,000 h one', () => {
    const rig = new Rig('cnc', { seed: 31, ageH: 20_000 });
    expect(rig.truth().rulH!).toBeGreaterThan(0);
    expect(rig.truth().rulH!).toBeLessThan(200);
  });

  it('keeps a pre-aged machine alive at the start: its failure lies beyond its age', () => {
    for (let seed = 0; seed < 100; seed++) {
      const rig = new Rig('pump', { seed, ageH: 150_000 }).step(1, 1);
      expect(rig.sink.events.filter((e) => e.kind === 'failure')).toEqual([]);
    }
  });
});

describe('a cooling tower whose fan fails', () => {
  it('keeps rejecting the process heat: the range stays, cold water warms on natural draft only', () => {
    const rig = new Rig('cooling_tower', { seed: 15 }).step(600, 30);
    const before = { cold: rig.read('cold_water_temp_c'), range: rig.read('range_k') };
    rig.inject('bearing_spall', { rateMultiplier: 5000 }).runToFailure(60, 100_000);
    rig.step(600, 30);
    expect(rig.read('fan_speed_rpm')).toBe(0);
    expect(rig.read('range_k')).toBeCloseTo(before.range, 6);
    expect(rig.read('cold_water_temp_c')).toBeGreaterThan(before.cold + 5);
  });
});

describe('maintain', () => {
  it('renews a failed machine: health 1, new remaining life, running again, corrective maintenance event', () => {
    const rig = new Rig('fan', { seed: 13 }).inject('fouling', { rateMultiplier: 1000 });
    rig.runToFailure(60, 100_000);
    rig.maintain().step(60, 10);
    expect(rig.truth()).toEqual({ rulH: expect.any(Number), health: 1, activeFaults: [] });
    expect(rig.truth().rulH!).toBeGreaterThan(100);
    expect(rig.read('airflow_m3h')).toBeGreaterThan(20_000);
    expect(rig.sink.events.at(-1)).toEqual({ kind: 'maintenance', asset: 'fan_001', type: 'corrective' });
  });

  it('is preventive on a running machine and clears an injected acceleration', () => {
    const rig = new Rig('motor', { seed: 14 }).inject('insulation_ageing', { rateMultiplier: 1e4 }).step(60, 10);
    expect(rig.read('insulation_resistance_mohm')).toBeLessThan(1000);
    rig.maintain().step(60, 1);
    expect(rig.read('insulation_resistance_mohm')).toBe(1000);
    expect(rig.truth().activeFaults).toEqual([]);
    expect(rig.sink.events.at(-1)).toEqual({ kind: 'maintenance', asset: 'motor_001', type: 'preventive' });
  });
});

describe('state and determinism', () => {
  const script = (rig: Rig) => rig.step(1, 100).inject('impeller_wear', { rateMultiplier: 500 }).set(60, 90).step(30, 2000).maintain().step(600, 50);

  it('is a pure function of the seed: same seed, same bytes', () => {
    const a = script(new Rig('pump', { seed: 21 }));
    const b = script(new Rig('pump', { seed: 21 }));
    expect(new Uint8Array(a.s.buffer)).toEqual(new Uint8Array(b.s.buffer));
    expect(a.sink.events).toEqual(b.sink.events);
    expect(new Uint8Array(script(new Rig('pump', { seed: 22 })).s.buffer)).not.toEqual(new Uint8Array(a.s.buffer));
  });

  it('forks by copying the state words', () => {
    const a = new Rig('cooling_tower', { seed: 23 }).step(60, 100);
    const b = new Rig('cooling_tower', { seed: 99 });
    b.s.set(a.s);
    a.step(60, 500);
    b.step(60, 500);
    expect(new Uint8Array(b.s.buffer)).toEqual(new Uint8Array(a.s.buffer));
  });

  it('lives anywhere in the engine array: an offset slice behaves like one at 0', () => {
    const a = new Rig('cnc', { seed: 24 }).step(60, 300);
    const b = new Rig('cnc', { seed: 24, off: 17 }).step(60, 300);
    expect(b.s.subarray(17)).toEqual(a.s);
    expect(b.read('spindle_power_kw')).toBe(a.read('spindle_power_kw'));
  });

  it('uses the injected Rng only at init, faults and maintenance, not per step', () => {
    const m = createMachine({ id: 'm', profile: 'motor', initial: {}, ageH: 0 }, builtinProfiles().get('motor')!);
    const s = new Float64Array(m.stateSize);
    m.init(s, 0, seededRng(1), { ambientC: INIT_AMBIENT_C });
    const counting = { n: 0, uniform: () => (counting.n++, 0.5), normal: () => (counting.n++, 0) };
    const rig = new Rig('motor');
    for (let i = 0; i < 100; i++) m.step(s, 0, rig.sp, 0, { tS: i, dtS: 1, ambientC: 25, rawMaterialDev: 0 }, counting, rig.sink);
    expect(counting.n).toBe(0);
  });
});
