import { describe, expect, it } from 'vitest';
import type { TwinEngine } from '../engine/engine.ts';
import { FrameHasher } from '../engine/frame-hash.ts';
import { createEngine } from '../engine/plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import type { Scenario } from '../scenarios/types.ts';

const DAY_S = 86_400;

function hashRun(engine: TwinEngine, seconds: number, only?: (sensorId: string) => boolean): string {
  const h = new FrameHasher();
  const keep = only ? engine.layout.sensors.map((s) => only(s.id)) : null;
  const sub = engine.frames$.subscribe((f) => {
    if (!keep) return h.add(f);
    // Hash only the chosen sensors' samples (and no events), to compare plants of different shapes.
    const picked = Int32Array.from(Array.from(f.sampled.subarray(0, f.sampledCount)).filter((k) => keep[k]));
    h.add({ ...f, sampled: picked, sampledCount: picked.length, events: [] });
  });
  engine.runFor(seconds);
  sub.unsubscribe();
  return h.digest();
}

describe('golden determinism of the reference plant', () => {
  const plant = loadLibraryScenario('glass-plant');

  it('gives identical frame hashes over 24 h for the same scenario and seed', () => {
    expect(hashRun(createEngine(plant), DAY_S)).toBe(hashRun(createEngine(plant), DAY_S));
  });

  it('gives different frames for a different seed', () => {
    const other: Scenario = { ...plant, seed: plant.seed + 1 };
    expect(hashRun(createEngine(other), 3600)).not.toBe(hashRun(createEngine(plant), 3600));
  });

  it('leaves every other asset\'s samples unchanged when a machine is added', () => {
    const extra: Scenario = {
      ...plant,
      machines: [...plant.machines, { id: 'pump_099', profile: 'pump', initial: { load: 70 }, ageH: 5000 }],
    };
    const others = (id: string) => !id.startsWith('pump_099.');
    expect(hashRun(createEngine(extra), 6 * 3600, others)).toBe(hashRun(createEngine(plant), 6 * 3600, others));
  });

  it('forks a running plant without disturbing it', () => {
    const live = createEngine(plant);
    live.runFor(3600);
    const fork = live.fork();
    fork.setSetpoint('Line_A.furnace_temp', 1620);
    fork.runFor(4 * 3600);
    const control = createEngine(plant);
    control.runFor(3600);
    expect(hashRun(live, 3600)).toBe(hashRun(control, 3600));
  });
});
