/** What every built-in machine profile must satisfy, checked by running it. */
import { describe, expect, it } from 'vitest';
import { all, create } from 'mathjs';
import type { Bounds } from '../model.ts';
import { isoVibrationLimits } from './iso-10816.ts';
import { MACHINE_TYPES, type MachineType } from './machine-spec.ts';
import { M } from './profile-compile.ts';
import { builtinProfiles } from './profile.ts';
import { Rig } from './testing.ts';

const { evaluate } = create(all!, { predictable: true });
const profile = (t: MachineType) => builtinProfiles().get(t)!;
const inside = (v: number, [lo, hi]: Bounds) => (lo === null || v >= lo) && (hi === null || v <= hi);

describe.each(MACHINE_TYPES)('profile %s', (type) => {
  const p = profile(type);

  it('samples vibration every second and temperatures every 10 s or slower', () => {
    for (const s of p.sensors) {
      if (s.type === 'vibration' || s.type === 'vibration_spectral') expect(s.periodS, s.name).toBe(1);
      if (s.type === 'temperature') expect(s.periodS, s.name).toBeGreaterThanOrEqual(10);
    }
  });

  it('sets overall vibration limits from its ISO 10816-3 class: WARNING B/C, ERROR C/D, CRITICAL 1.25 × C/D', () => {
    const iso = p.document.iso10816!;
    const vibration = p.sensors.filter((s) => s.type === 'vibration');
    expect(vibration.length).toBeGreaterThan(0);
    for (const s of vibration) expect(s.limits, s.name).toEqual(isoVibrationLimits(iso));
  });

  it.each([50, 80, 100])('reads every sensor inside its normal range when healthy at %i percent load, 25 °C', (loadPct) => {
    const rig = new Rig(type, { loadPct }).step(600, 30); // 5 h: thermal states settle from the 20 °C start
    expect(rig.truth().health).toBe(1);
    for (const [k, s] of p.sensors.entries()) {
      const v = rig.model.read(rig.s, 0, k);
      expect(inside(v, s.normal), `${s.name} = ${v}, normal ${JSON.stringify(s.normal)}`).toBe(true);
    }
  });

  it('has damage rates near 1 at rated load and speed (the RUL unit: equivalent hours at rated conditions)', () => {
    const rig = new Rig(type, { loadPct: 100, speedPct: 100 });
    rig.ambientC = p.document.rated['ambient_c'] ?? 25;
    rig.step(3600, 10);
    for (const m of p.compiled.modes) {
      const rate = rig.s[m.at + M.rate]!;
      expect(rate, m.name).toBeGreaterThan(0.5);
      expect(rate, m.name).toBeLessThan(2);
    }
  });

  it('reads a stopped machine: no vibration, current, power, flow or speed', () => {
    const rig = new Rig(type).set(80, 0).step(600, 6);
    for (const [k, s] of p.sensors.entries()) {
      const v = rig.model.read(rig.s, 0, k);
      if (['vibration', 'vibration_spectral'].includes(s.type)) expect(v, s.name).toBeLessThanOrEqual(0.1);
      if (['current', 'power', 'speed'].includes(s.type)) expect(v, s.name).toBe(0);
      if (s.type === 'flow' && s.name !== 'water_flow_m3h') expect(v, s.name).toBe(0);
    }
  });

  it('computes every derived sensor as its formula over the other sensors (checked with mathjs)', () => {
    const rig = new Rig(type, { loadPct: 70 }).step(60, 5);
    const scope: Record<string, number> = { ...rig.values(), ...p.document.parameters };
    for (const [k, v] of Object.entries(p.document.rated)) scope[`rated_${k}`] = v;
    for (const d of p.document.derived) {
      const want = Number(evaluate(d.expr, { ...scope }));
      expect(rig.read(d.name), `${d.name} = ${d.expr}`).toBeCloseTo(want, 9);
    }
  });

  describe.each(p.compiled.modes.map((m) => m.name))('failure mode %s', (mode) => {
    it('is observable before failure: a sensor leaves its normal range and one reaches WARNING', () => {
      const rig = new Rig(type, { loadPct: 80 }).step(60, 1).inject(mode, { rateMultiplier: 100 });
      // Steps of about 1/1000 of the remaining life, so that "before" is close to the failure.
      const dtS = Math.min(3600, Math.max(1, Math.round((rig.truth().rulH! * 3600) / 1000)));
      let before: Record<string, number> = {};
      rig.runToFailure(dtS, 1_000_000, (r) => {
        if (r.truth().rulH! > 0) before = r.values();
      });
      expect(rig.sink.events.at(-1)).toEqual({ kind: 'failure', asset: `${type}_001`, mode });
      const abnormal = p.sensors.filter((s) => !inside(before[s.name]!, s.normal)).map((s) => s.name);
      const warning = p.sensors.filter((s) => !inside(before[s.name]!, s.limits.warning)).map((s) => s.name);
      expect(abnormal.length, 'sensors outside their normal range').toBeGreaterThan(0);
      expect(warning.length, 'sensors at WARNING or worse').toBeGreaterThan(0);
    });
  });
});
