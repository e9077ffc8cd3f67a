import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { buildMeteredPlant, runBranch, sampleTimesS } from './lookahead.ts';
import { subSnapshot } from './sub-plant.ts';

describe('sub-plant', () => {
  it('runs the kept assets bit for bit like the full plant, at the plant step and at a coarse step', () => {
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
    const changes = [{ setpoint: 'Line_A.furnace_temp', value: 1420, asset: 'Line_A' }];
    for (const stepS of [1, 10]) {
      const samples = sampleTimesS(1800, stepS);
      for (const seed of [3, 4]) {
        const a = runBranch(full, seed, changes, 1800, stepS, samples);
        const b = runBranch(sub, seed, changes, 1800, stepS, samples);
        expect(b).toEqual(a);
        expect(a.units).toBeGreaterThan(0);
      }
    }
  });
});
