import { describe, expect, it } from 'vitest';
import { REFERENCE_LINES, REFERENCE_MACHINES } from './reference-plant.ts';
import { MACHINE_TYPES } from './types.ts';

describe('the reference plant', () => {
  it('has Line_A and Line_B (container) and Line_C (float), 8 zones each, at nominal setpoints', () => {
    expect(REFERENCE_LINES.map((l) => [l.id, l.glass, l.zones])).toEqual([
      ['Line_A', 'container', 8],
      ['Line_B', 'container', 8],
      ['Line_C', 'float', 8],
    ]);
    for (const l of REFERENCE_LINES) {
      expect(l.initial).toEqual({ furnace_temp: 1500, belt_speed: 150, mold_temp: 450, forming_pressure: 40, lehr_cooling_rate: 4 });
    }
  });

  it('has the 26-machine fleet, numbered per type', () => {
    const count = (type: string) => REFERENCE_MACHINES.filter((m) => m.profile === type).length;
    expect(REFERENCE_MACHINES).toHaveLength(26);
    expect(Object.fromEntries(MACHINE_TYPES.map((t) => [t, count(t)]))).toEqual({
      motor: 5, pump: 5, cnc: 3, fan: 3, compressor: 3, conveyor: 3, hydraulic: 2, cooling_tower: 2,
    });
    expect(REFERENCE_MACHINES.map((m) => m.id)).toContain('pump_003');
    expect(REFERENCE_MACHINES.map((m) => m.id)).toContain('cooling_tower_002');
    for (const m of REFERENCE_MACHINES) expect(m.id).toMatch(new RegExp(`^${m.profile}_00\\d$`));
  });

  it('runs machines at varied loads (60-95 %) and ages (0-20 000 h), at full speed', () => {
    const loads = REFERENCE_MACHINES.map((m) => m.initial['load']!);
    const ages = REFERENCE_MACHINES.map((m) => m.ageH);
    expect(Math.min(...loads)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...loads)).toBeLessThanOrEqual(95);
    expect(new Set(loads).size).toBeGreaterThan(20);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(20_000);
    expect(new Set(ages).size).toBeGreaterThan(20);
    for (const m of REFERENCE_MACHINES) expect(m.initial['speed']).toBe(100);
  });

  it('has unique ids and cannot be changed by a consumer', () => {
    const ids = [...REFERENCE_LINES, ...REFERENCE_MACHINES].map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.isFrozen(REFERENCE_MACHINES)).toBe(true);
    expect(Object.isFrozen(REFERENCE_MACHINES[0]!.initial)).toBe(true);
    expect(Object.isFrozen(REFERENCE_LINES[0]!.initial)).toBe(true);
  });
});
