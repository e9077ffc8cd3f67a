import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng.ts';
import { LINE_PHYSICS_FIELDS } from '../physics/glass/line-spec.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { perturbedTwins, PHYSICS_SPREAD } from './perturbed-twins.ts';

describe('perturbedTwins', () => {
  const plant = loadLibraryScenario('glass-plant');

  it('is deterministic given the rng, and different for another seed', () => {
    const a = perturbedTwins(plant, 3, createRng(1, 'twins'));
    expect(perturbedTwins(plant, 3, createRng(1, 'twins'))).toEqual(a);
    expect(perturbedTwins(plant, 3, createRng(2, 'twins'))).not.toEqual(a);
  });

  it('draws every physics multiplier of every line within ±10 % of nominal, none of them nominal', () => {
    const twins = perturbedTwins(plant, 5, createRng(3, 'twins'));
    expect(twins.map((t) => t.name)).toEqual([1, 2, 3, 4, 5].map((i) => `${plant.name}~perturbed-${i}`));
    for (const twin of twins) {
      expect(twin.lines.map((l) => l.id)).toEqual(plant.lines.map((l) => l.id));
      for (const line of twin.lines) {
        for (const field of LINE_PHYSICS_FIELDS) {
          const m = line.physics![field]!;
          expect(m).toBeGreaterThanOrEqual(1 - PHYSICS_SPREAD);
          expect(m).toBeLessThanOrEqual(1 + PHYSICS_SPREAD);
          expect(m).not.toBe(1);
        }
      }
      expect(twin.disturbances).not.toEqual(plant.disturbances);
      expect(twin.machines).toBe(plant.machines);
    }
    // Lines and twins draw their own values: no two multipliers alike.
    const all = twins.flatMap((t) => t.lines.flatMap((l) => LINE_PHYSICS_FIELDS.map((f) => l.physics![f])));
    expect(new Set(all).size).toBe(all.length);
  });

  it("perturbs around a scenario's own physics, and keeps the result in the range a scenario allows", () => {
    const lossy = { ...plant, lines: plant.lines.map((l) => ({ ...l, physics: { furnaceHeatLoss: 1.45 } })) };
    for (const twin of perturbedTwins(lossy, 4, createRng(4, 'twins'))) {
      for (const line of twin.lines) {
        expect(line.physics!.furnaceHeatLoss).toBeGreaterThanOrEqual(1.45 * (1 - PHYSICS_SPREAD));
        expect(line.physics!.furnaceHeatLoss).toBeLessThanOrEqual(1.5);
      }
    }
  });
});
