import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIBRARY_DIR, listScenarios, loadLibraryScenario, resolveScenarioPath } from './library.ts';
import { REFERENCE_LINES, REFERENCE_MACHINES } from './reference-plant.ts';
import { ScenarioError } from './scenario-error.ts';

const INCIDENTS = [
  'furnace-overheat-crack-storm',
  'forming-pressure-oscillation-bubbles',
  'belt-overspeed-deformation',
  'mold-heater-failure-stress-fractures',
  'lehr-fan-failure-cooling-shock',
  'pump-bearing-failure',
  'compressor-valve-wear',
  'furnace-underheat-cloudiness',
];

describe('the scenario library', () => {
  const entries = listScenarios();

  it('holds glass-plant and the historical incidents, each loadable by name', () => {
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    for (const name of ['glass-plant', ...INCIDENTS]) expect(names).toContain(name);
    for (const e of entries) expect(loadLibraryScenario(e.name).name).toBe(e.name);
  });

  it('names each file after its scenario and gives it a title and a write-up', () => {
    for (const e of entries) {
      expect(basename(e.path)).toBe(`${e.name}.yaml`);
      expect(e.title).not.toBe(e.name);
      expect(e.description.length).toBeGreaterThan(100);
    }
  });

  it('has glass-plant: the reference plant in normal operation, 24 h, seed 42', () => {
    const s = loadLibraryScenario('glass-plant');
    expect([s.durationS, s.seed, s.stepS]).toEqual([86_400, 42, 1]);
    expect(s.lines).toEqual(REFERENCE_LINES);
    expect(s.machines).toEqual(REFERENCE_MACHINES);
    expect([s.faults, s.actions]).toEqual([[], []]);
  });

  it.each(entries.filter((e) => e.name !== 'glass-plant').map((e) => e.name))(
    '%s: a few hours to a day on the reference plant, with faults, operator reactions and ground truth',
    (name) => {
      const s = loadLibraryScenario(name);
      expect(s.durationS).toBeGreaterThanOrEqual(3 * 3600);
      expect(s.durationS).toBeLessThanOrEqual(24 * 3600);
      expect(s.lines.map((l) => l.id)).toEqual(['Line_A', 'Line_B', 'Line_C']);
      expect(s.machines.map((m) => m.id)).toEqual(REFERENCE_MACHINES.map((m) => m.id));
      expect(s.faults.length).toBeGreaterThan(0);
      expect(s.actions.length).toBeGreaterThan(0);
      // Operators react to a fault: every action comes after the first fault.
      expect(s.actions[0]!.atS).toBeGreaterThan(s.faults[0]!.atS);
      expect(s.groundTruth?.summary.length).toBeGreaterThan(50);
      expect(s.groundTruth?.causes.length).toBeGreaterThan(0);
    },
  );

  it('scripts the 10:42 furnace setpoint cut of the crack storm', () => {
    const s = loadLibraryScenario('furnace-overheat-crack-storm');
    expect(s.faults).toEqual([{ atS: 6 * 3600, target: 'Line_A', type: 'burner_drift', params: { ratePerH: 30, maxC: 180 } }]);
    expect(s.actions[0]).toEqual({ atS: 10 * 3600 + 42 * 60, kind: 'setpoint', setpoint: 'Line_A.furnace_temp', value: 1420 });
    expect(s.groundTruth?.expectedDefects).toEqual(['crack']);
  });

  it('runs pump_003 to a bearing failure and then maintains it', () => {
    const s = loadLibraryScenario('pump-bearing-failure');
    expect(s.machines.find((m) => m.id === 'pump_003')?.ageH).toBe(19_500);
    expect(s.faults.map((f) => [f.target, f.type])).toEqual([['pump_003', 'bearing_spall']]);
    expect(s.actions.some((a) => a.kind === 'maintenance' && a.target === 'pump_003')).toBe(true);
    expect(s.groundTruth?.expectedFailures).toEqual(['pump_003:bearing_wear']);
  });
});

describe('resolveScenarioPath', () => {
  it('treats a bare name as a library scenario and anything else as a path', () => {
    expect(resolveScenarioPath('glass-plant')).toBe(`${LIBRARY_DIR}glass-plant.yaml`);
    expect(resolveScenarioPath(`${LIBRARY_DIR}glass-plant.yaml`)).toBe(`${LIBRARY_DIR}glass-plant.yaml`);
    expect(loadLibraryScenario(`${LIBRARY_DIR}glass-plant.yaml`).name).toBe('glass-plant');
  });

  it('suggests the closest library name for an unknown one', () => {
    expect(() => resolveScenarioPath('glass-plnat')).toThrow(ScenarioError);
    expect(() => resolveScenarioPath('glass-plnat')).toThrow(/no library scenario named "glass-plnat" \(did you mean "glass-plant"\?\); the library has: .*glass-plant/);
  });
});
