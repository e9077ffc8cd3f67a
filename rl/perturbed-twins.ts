/**
 * The twins a proposal is verified on besides the nominal one: the twin is not the plant, so a
 * change must hold up when the plant's disturbances differ from the twin's. The engine's physics
 * constants are fixed per model, not scenario parameters, so what is perturbed is what a scenario
 * can say: the ambient temperature (mean ± 4 °C, daily amplitude × 0.7–1.3) and the raw material's
 * variation (its spread × 0.7–1.3, its correlation time × 0.5–2). The set is drawn once per
 * verifier from its own seed, so the perturbed plants are built once and reused every round.
 */
import type { Scenario } from '../engine/scenario.ts';
import type { Rng } from '../physics/model.ts';

const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

/** `count` variants of the scenario, each with its disturbances perturbed; the nominal one is not among them. */
export function perturbedTwins(scenario: Scenario, count: number, rng: Rng): Scenario[] {
  return Array.from({ length: count }, (_, i) => {
    const { ambient, rawMaterial } = scenario.disturbances;
    return {
      ...scenario,
      name: `${scenario.name}~perturbed-${i + 1}`,
      disturbances: {
        ambient: { meanC: ambient.meanC + between(rng, -4, 4), dailyAmplitudeC: ambient.dailyAmplitudeC * between(rng, 0.7, 1.3) },
        rawMaterial: { std: rawMaterial.std * between(rng, 0.7, 1.3), correlationH: rawMaterial.correlationH * between(rng, 0.5, 2) },
      },
    };
  });
}
