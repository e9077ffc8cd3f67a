import { describe, expect, it } from 'vitest';
import { SENSOR_FAULT_TYPES } from '../engine/sensor-model.ts';
import { checkFault, FAULT_TYPES } from '../physics/glass/line-faults.ts';
import { builtinProfiles } from '../physics/machines/profile.ts';
import { LINE_FAULTS, MACHINE_PROFILE_FAULTS, SENSOR_FAULTS } from './faults.ts';
import { MACHINE_TYPES } from './types.ts';

/** The catalog is a copy, for early and readable errors; these tests keep it in step with the models. */
describe('the fault catalog agrees with the models', () => {
  it('lists the glass line fault types, and its defaults are parameters the line model accepts', () => {
    expect(LINE_FAULTS.map((f) => f.type)).toEqual([...FAULT_TYPES]);
    for (const f of LINE_FAULTS) {
      const params = Object.fromEntries(f.params.map((p) => [p.name, p.default!]));
      expect(() => checkFault('Line_A', { type: f.type, params }), f.type).not.toThrow();
    }
  });

  it("lists each built-in machine profile's failure modes and fault aliases", () => {
    const profiles = builtinProfiles();
    for (const type of MACHINE_TYPES) {
      const doc = profiles.get(type)!.document;
      expect(MACHINE_PROFILE_FAULTS[type], type).toEqual({
        modes: doc.failureModes.map((m) => m.name),
        aliases: doc.faultAliases.map((a) => a.name),
      });
    }
  });

  it('lists the sensor fault types the engine applies', () => {
    expect(SENSOR_FAULTS.map((f) => f.type)).toEqual([...SENSOR_FAULT_TYPES]);
  });
});
