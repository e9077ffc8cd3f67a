import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { checkEnv, TwinEnv } from './env.ts';

const storm = { ...loadLibraryScenario('furnace-overheat-crack-storm'), actions: [] };
const make = () => new TwinEnv(storm, { asset: 'Line_A', decisionS: 600, horizonS: 1800 });

describe('TwinEnv, one line of the twin as an environment', () => {
  it('passes checkEnv: reset and step are deterministic, observations and actions stay in their spaces', () => {
    const check = checkEnv(make, { seed: 7, scenario: storm, from: 7 * 3600 }, createRng(1, 'check-env'), 3);
    expect(check.problems).toEqual([]);
  });

  it('acts on the line setpoints the safety policy covers, within the envelope in force', () => {
    const env = make();
    expect(env.actionSpace.names).toEqual(['Line_A.furnace_temp', 'Line_A.belt_speed', 'Line_A.mold_temp', 'Line_A.forming_pressure', 'Line_A.lehr_cooling_rate']);
    // Furnace: the policy's 1200–1700 °C cut to the burner's own 1350–1650 °C.
    expect([env.actionSpace.low[0], env.actionSpace.high[0]]).toEqual([1350, 1650]);
  });

  it('observes measurements and inspected defects, never the ground truth', () => {
    const env = make();
    const names = env.observationSpace.names;
    expect(names.some((n) => /wear|truth|cause|rul/i.test(n))).toBe(false);
    expect(names).toContain('Line_A.defects_per_1000');
    expect(names).toContain('Line_A.furnace_temp.target');
    expect(names.filter((n) => n.startsWith('Line_A.furnace.')).length).toBeGreaterThan(0);
  });

  it('shields every action: a far or non-finite target moves the setpoint no faster than the policy rate', () => {
    const env = make();
    env.reset({ seed: 3, scenario: storm, from: 7 * 3600 });
    const r = env.step([Number.NaN, 1e9, -1e9, Number.POSITIVE_INFINITY, 4]);
    const [furnace, belt, mold, pressure] = r.info.shielded;
    expect(furnace).toMatchObject({ value: 1500, reason: 'not_finite' });
    // Belt: ±20 m/min per minute over 10 min, but capped at the envelope's top.
    expect(belt!.value).toBeLessThanOrEqual(200);
    // Mould: ±30 °C per hour → at most 5 °C in 10 minutes.
    expect(450 - mold!.value).toBeCloseTo(5, 9);
    expect(pressure!.reason).toBe('not_finite');
    expect(r.obs[env.observationSpace.indexOf('Line_A.mold_temp.target')]).toBeCloseTo(445, 9);
  });

  it('rewards by the one reward definition from the metered period, and truncates at the horizon', () => {
    const env = make();
    env.reset({ seed: 3, scenario: storm, from: 7 * 3600 });
    const hold = [1500, 150, 450, 40, 4];
    const steps = [env.step(hold), env.step(hold), env.step(hold)];
    for (const s of steps) {
      expect(s.info.units).toBeGreaterThan(100);
      expect(s.info.energyMJ).toBeGreaterThan(0);
      expect(s.reward).toBeCloseTo(s.info.terms.defectRate + s.info.terms.productionRate + s.info.terms.energy + s.info.terms.safety, 9);
      expect(s.cost).toBe(0);
    }
    expect(steps.map((s) => s.truncated)).toEqual([false, false, true]);
  });

  it('refuses a step before reset, and an action of the wrong length', () => {
    const env = make();
    expect(() => env.step([1500, 150, 450, 40, 4])).toThrow('env: call reset() before step()');
    env.reset({ seed: 1, scenario: storm });
    expect(() => env.step([1500])).toThrow(/the action has 1 values, the space 5/);
  });
});
