import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { Lookahead } from './lookahead.ts';
import { PlantCache } from './plant-cache.ts';
import { plantKey, plantRef } from './plant-key.ts';

const scenario = loadLibraryScenario('glass-plant');

describe('plant identity', () => {
  it('is the same for equal scenarios whatever their key order, and differs when anything of the plant does', () => {
    const reordered = Object.fromEntries(Object.entries(structuredClone(scenario)).reverse()) as typeof scenario;
    expect(plantKey(reordered)).toBe(plantKey(scenario));
    expect(plantKey({ ...scenario, seed: scenario.seed + 1 })).not.toBe(plantKey(scenario));
    // Same layout, other physics or another script: another plant.
    const warmer = { ...scenario, disturbances: { ...scenario.disturbances, ambient: { meanC: 30, dailyAmplitudeC: 5 } } };
    expect(plantKey(warmer)).not.toBe(plantKey(scenario));
    const fault = { atS: 60, target: 'Line_A', type: 'burner_drift', params: { ratePerH: 120 } };
    expect(plantKey({ ...scenario, faults: [fault] })).not.toBe(plantKey({ ...scenario, faults: [{ ...fault, atS: 61 }] }));
    // It starts with the engine's layout fingerprint.
    expect(plantKey(scenario).split(':')[0]).toBe(createEngine(scenario).layout.fingerprint);
  });
});

describe('plant cache', () => {
  it('runs hundreds of different timed plans on one plant with the plants built once', () => {
    const lookahead = new Lookahead();
    const live = createEngine(scenario);
    live.runFor(600);
    const snapshot = snapshotToBinary(live.snapshot());
    for (let i = 0; i < 300; i++) {
      // A fresh copy of the scenario each time, as a worker receives it: same content, same plants.
      const plant = plantRef(i % 2 === 0 ? scenario : structuredClone(scenario));
      const steps = [{ atS: (i % 6) * 5, setpoint: 'Line_A.furnace_temp', value: 1400 + i / 10 }];
      lookahead.run({ plant, snapshot, plan: { steps, horizonS: 30, stepS: 10, seeds: [i], scope: 'affected' } });
    }
    // The whole plant (to decode the snapshot) and the Line_A sub-plant.
    expect(lookahead.plants.builds).toBe(2);
    expect(lookahead.plants.size).toBe(2);
  });

  it('evicts the least recently used plant when full', () => {
    const cache = new PlantCache(2);
    const ref = plantRef(scenario);
    const a = cache.get(ref, new Set(['Line_A']), null);
    cache.get(ref, new Set(['Line_B']), null);
    expect(cache.get(ref, new Set(['Line_A']), null)).toBe(a); // now Line_B is the oldest
    cache.get(ref, new Set(['Line_C']), null);
    expect(cache.size).toBe(2);
    expect(cache.get(ref, new Set(['Line_A']), null)).toBe(a);
    expect(cache.builds).toBe(3);
    cache.get(ref, new Set(['Line_B']), null);
    expect(cache.builds).toBe(4);
    expect(() => new PlantCache(0)).toThrow(RangeError);
  });
});
