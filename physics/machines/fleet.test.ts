import { describe, expect, it } from 'vitest';
import { referenceFleet, syntheticFleet } from './fleet.ts';
import { createMachine } from './machine.ts';
import { MACHINE_TYPES, type MachineType } from './machine-spec.ts';
import { builtinProfiles } from './profile.ts';

describe('referenceFleet', () => {
  const fleet = referenceFleet();

  it('has the 26 reference machines, named <type>_NNN', () => {
    const count = (t: string) => fleet.filter((m) => m.profile === t).length;
    expect(fleet).toHaveLength(26);
    expect(MACHINE_TYPES.map((t) => [t, count(t)])).toEqual([
      ['motor', 5],
      ['pump', 5],
      ['cnc', 3],
      ['fan', 3],
      ['compressor', 3],
      ['conveyor', 3],
      ['hydraulic', 2],
      ['cooling_tower', 2],
    ]);
    for (const m of fleet) expect(m.id).toMatch(new RegExp(`^${m.profile}_00\\d$`));
    expect(new Set(fleet.map((m) => m.id)).size).toBe(26);
  });

  it('varies duty and age, and every machine builds', () => {
    expect(new Set(fleet.map((m) => m.initial['load'])).size).toBeGreaterThan(8);
    expect(new Set(fleet.map((m) => m.ageH)).size).toBe(26);
    for (const spec of fleet) expect(() => createMachine(spec, builtinProfiles().get(spec.profile as MachineType)!)).not.toThrow();
  });
});

describe('syntheticFleet', () => {
  it('cycles through the types with ids m00001.. and setpoints within 0-110 %', () => {
    const fleet = syntheticFleet(20);
    expect(fleet.map((m) => m.id).slice(0, 3)).toEqual(['m00001', 'm00002', 'm00003']);
    expect(fleet.map((m) => m.profile).slice(0, 9)).toEqual([...MACHINE_TYPES, 'motor']);
    for (const m of fleet) {
      expect(m.initial['load']).toBeGreaterThanOrEqual(50);
      expect(m.initial['load']).toBeLessThanOrEqual(100);
      expect(m.initial['speed']).toBeGreaterThanOrEqual(80);
      expect(m.initial['speed']).toBeLessThanOrEqual(100);
    }
    expect(syntheticFleet(0)).toEqual([]);
    expect(() => syntheticFleet(-1)).toThrow('syntheticFleet: n must be a non-negative integer, got -1');
  });
});
