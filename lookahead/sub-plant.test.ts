import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { PER_SENSOR_ARRAYS, PER_SETPOINT_ARRAYS, STATE_ARRAY_NAMES } from '../engine/state.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildMeteredPlant } from './metered-plant.ts';
import { runBranch, sampleTimesS } from './run-branch.ts';
import { subSnapshot } from './sub-plant.ts';

describe('sub-plant', () => {
  it('runs the kept assets bit for bit like the full plant, at the plant step and at a coarse step, with changes now and later', () => {
    const scenario = loadLibraryScenario('furnace-overheat-crack-storm');
    const live = createEngine(scenario);
    live.runUntil(6 * 3600 + 1234); // off the 10 s grid: the branch first ticks at 1 s to reach it
    const bytes = snapshotToBinary(live.snapshot());
    const lineA = new Set(['Line_A']);
    const full = buildMeteredPlant(scenario, null, lineA); // whole plant, metering Line_A only
    full.engine.restore(bytes);
    const sub = buildMeteredPlant(scenario, lineA, null);
    sub.engine.restore(subSnapshot(full.engine.snapshot(), full.engine.layout, sub.engine));
    expect(sub.engine.layout.models.map((m) => m.asset)).toEqual(['Line_A']);
    const steps = [
      { atS: 0, setpoint: 'Line_A.furnace_temp', value: 1420 },
      { atS: 605, setpoint: 'Line_A.belt_speed', value: 110 },
    ];
    for (const stepS of [1, 10]) {
      const samples = sampleTimesS(1800, stepS);
      for (const seed of [3, 4]) {
        const a = runBranch(full, seed, steps, 1800, stepS, samples);
        const b = runBranch(sub, seed, steps, 1800, stepS, samples);
        expect(b).toEqual(a);
        expect(a.units).toBeGreaterThan(0);
      }
    }
  });

  it("knows every one of the engine's state arrays: meta, model words, random streams, per setpoint, per sensor", () => {
    expect([...STATE_ARRAY_NAMES].sort()).toEqual(['meta', 'model', 'rng', ...PER_SETPOINT_ARRAYS, ...PER_SENSOR_ARRAYS].sort());
  });
});
