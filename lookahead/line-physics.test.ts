/**
 * A line's physics multipliers live in the scenario, so every path that rebuilds or copies a plant
 * (fork, snapshot restore, sub-plant, plant cache key) must keep them, and an all-ones block must be
 * the engine as it always was.
 */
import { describe, expect, it } from 'vitest';
import type { TwinEngine } from '../engine/engine.ts';
import { FrameHasher } from '../engine/frame-hash.ts';
import { createEngine } from '../engine/plant.ts';
import type { LineSpec, Scenario } from '../engine/scenario.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { plantKey } from './plant-key.ts';
import { subScenario } from './sub-plant.ts';

const HOUR_S = 3600;
const ONES = { furnaceHeatLoss: 1, furnaceThermalMass: 1, burnerEfficiency: 1, mouldHeatTransfer: 1, lehrCoolingEffectiveness: 1 };

const withPhysics = (s: Scenario, physics: (l: LineSpec) => LineSpec['physics']): Scenario => ({
  ...s,
  lines: s.lines.map((l) => ({ ...l, physics: physics(l) })),
});

/** Hash of every frame (samples and events) over `seconds`, and the model state words at the end. */
function run(engine: TwinEngine, seconds: number): { frames: string; state: number[] } {
  const h = new FrameHasher();
  const sub = engine.frames$.subscribe((f) => h.add(f));
  engine.runFor(seconds);
  sub.unsubscribe();
  return { frames: h.digest(), state: Array.from(engine.snapshot().state.model) };
}

const sensor = (e: TwinEngine, id: string): number => e.values[e.layout.sensors.findIndex((x) => x.id === id)]!;

describe('line physics multipliers through the engine', () => {
  const scenario = loadLibraryScenario('furnace-overheat-crack-storm');

  it('an all-ones block runs a library scenario for an hour bit for bit like no block', () => {
    expect(run(createEngine(withPhysics(scenario, () => ONES)), HOUR_S)).toEqual(run(createEngine(scenario), HOUR_S));
  });

  it('more furnace heat loss: more burner power and a colder throat at the same setpoint', () => {
    const nominal = createEngine(scenario);
    const lossy = createEngine(withPhysics(scenario, () => ({ furnaceHeatLoss: 1.2 })));
    nominal.runFor(HOUR_S);
    lossy.runFor(HOUR_S);
    expect(sensor(lossy, 'Line_A.furnace.burner_power')).toBeGreaterThan(sensor(nominal, 'Line_A.furnace.burner_power'));
    expect(sensor(lossy, 'Line_A.forming.gob_temp')).toBeLessThan(sensor(nominal, 'Line_A.forming.gob_temp') - 5);
  });

  it('a fork and a restored snapshot keep the perturbed physics', () => {
    const perturbed = withPhysics(scenario, () => ({ furnaceHeatLoss: 1.2, lehrCoolingEffectiveness: 1.1 }));
    const live = createEngine(perturbed);
    live.runFor(HOUR_S);
    const bytes = snapshotToBinary(live.snapshot());
    const fork = live.fork();
    const restored = createEngine(perturbed);
    restored.restore(bytes);
    const ahead = run(live, HOUR_S);
    expect(run(fork, HOUR_S)).toEqual(ahead);
    expect(run(restored, HOUR_S)).toEqual(ahead);
    // ... and a nominal plant restored from that snapshot does not follow it.
    const nominal = createEngine(scenario);
    nominal.restore(bytes);
    expect(run(nominal, HOUR_S).state).not.toEqual(ahead.state);
  });

  it('a sub-plant keeps its lines\' physics, and the plant key tells perturbed plants apart', () => {
    const a = withPhysics(scenario, () => ({ furnaceHeatLoss: 1.1 }));
    const b = withPhysics(scenario, () => ({ furnaceHeatLoss: 1.12 }));
    expect(subScenario(a, new Set(['Line_A'])).lines.map((l) => l.physics)).toEqual([{ furnaceHeatLoss: 1.1 }]);
    const keys = new Set([plantKey(scenario), plantKey(a), plantKey(b), plantKey(withPhysics(scenario, () => ({ furnaceHeatLoss: 1.1 })))]);
    expect(keys.size).toBe(3);
  });
});
