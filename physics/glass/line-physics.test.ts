import { describe, expect, it } from 'vitest';
import type { LinePhysicsSpec } from './line-spec.ts';
import { createGlassLine } from './line.ts';
import { lineRig } from './test-harness.ts';

/** A container line at the default setpoints, with the given physics, after `hours` at a furnace setpoint of 1540 °C. */
function after(hours: number, physics?: LinePhysicsSpec) {
  const rig = lineRig(createGlassLine({ id: 'L', glass: 'container', zones: 8, initial: {}, ...(physics && { physics }) }));
  rig.setSp('furnace_temp', 1540);
  rig.run(hours);
  return rig;
}

describe('glass line physics multipliers', () => {
  it('with every multiplier 1 the line is bit-identical to one without the block', () => {
    const ones: LinePhysicsSpec = { furnaceHeatLoss: 1, furnaceThermalMass: 1, burnerEfficiency: 1, mouldHeatTransfer: 1, lehrCoolingEffectiveness: 1 };
    const a = after(0.5);
    const b = after(0.5, ones);
    expect(Array.from(b.s)).toEqual(Array.from(a.s));
    expect(b.rec.defects).toEqual(a.rec.defects);
  });

  it('more furnace heat loss: more burner power for the same setpoint, and a colder throat and gob', () => {
    const nominal = after(1);
    const lossy = after(1, { furnaceHeatLoss: 1.3 });
    expect(lossy.sensor('burner_power')).toBeGreaterThan(nominal.sensor('burner_power') + 1);
    expect(lossy.sensor('zone8_temp')).toBeLessThan(nominal.sensor('zone8_temp') - 10);
    expect(lossy.sensor('gob_temp')).toBeLessThan(nominal.sensor('gob_temp') - 10);
  });

  it('a less efficient burner needs more fuel power for the same melt', () => {
    expect(after(0, { burnerEfficiency: 0.8 }).sensor('burner_power')).toBeCloseTo(after(0).sensor('burner_power') / 0.8, 3);
  });

  it('more thermal mass: the melt follows a setpoint step more slowly', () => {
    const riseOf = (physics?: LinePhysicsSpec) => after(1, physics).sensor('zone8_temp') - after(0, physics).sensor('zone8_temp');
    expect(riseOf({ furnaceThermalMass: 1.3 })).toBeLessThan(riseOf());
  });

  it('a more effective lehr cools faster than its setpoint and leaves more residual stress', () => {
    const nominal = after(0);
    const strong = after(0, { lehrCoolingEffectiveness: 1.3 });
    expect(strong.sensor('cooling_rate')).toBeCloseTo(1.3 * nominal.sensor('cooling_rate'), 9);
    expect(strong.sensor('residual_stress')).toBeGreaterThan(nominal.sensor('residual_stress'));
  });

  it('more mould heat transfer: an unheated mould settles hotter', () => {
    const unheated = (physics?: LinePhysicsSpec) => {
      const rig = after(0, physics);
      rig.setSp('mold_temp', 20); // the heater PI winds down to 0 W: the glass alone heats the mould
      rig.run(2);
      return rig.sensor('mold_temp');
    };
    expect(unheated({ mouldHeatTransfer: 1.3 })).toBeGreaterThan(unheated() + 20);
  });

  it('refuses a multiplier out of range or an unknown one, naming the field', () => {
    const make = (physics: Record<string, number>) => () => createGlassLine({ id: 'L', glass: 'float', zones: 4, initial: {}, physics });
    expect(make({ furnaceHeatLoss: 2 })).toThrow('L: physics.furnaceHeatLoss must be between 0.5 and 1.5 (got 2)');
    expect(make({ burnerEfficiency: Number.NaN })).toThrow('physics.burnerEfficiency must be a finite number');
    expect(make({ heatLoss: 1.1 })).toThrow('physics.heatLoss is not a known field');
  });
});
