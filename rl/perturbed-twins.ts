/**
 * The twins a proposal is verified on besides the nominal one: the twin is not the plant, so a
 * change must hold up when the plant's disturbances and physics differ from the twin's. Each twin
 * redraws the ambient temperature (mean ± 4 °C, daily amplitude × 0.7–1.3), the raw material's
 * variation (its spread × 0.7–1.3, its correlation time × 0.5–2), and for every glass line each
 * physics multiplier of physics/glass/line-spec.ts (furnace heat loss, furnace thermal mass, burner
 * efficiency, mould heat transfer, lehr cooling effectiveness), uniformly in × 0.9–1.1 of the
 * scenario's own value. ±10 %: about how far a lumped constant of a twin calibrated on plant data
 * is still off (the reference's furnace figures are ranges of that width and more), while staying
 * well inside the 0.5–1.5 a scenario allows, so a twin is a plausible plant rather than another
 * one; a policy that depends on one exact model fails on some of them. The set is drawn once per
 * verifier from its own seed, so the perturbed plants are built once and reused every round.
 */
import type { LineSpec, Scenario } from '../engine/scenario.ts';
import { LINE_PHYSICS_FIELDS, LINE_PHYSICS_RANGE, type LinePhysicsSpec } from '../physics/glass/line-spec.ts';
import type { Rng } from '../physics/model.ts';

/** Each physics multiplier is redrawn within this relative spread of the scenario's value. */
export const PHYSICS_SPREAD = 0.1;

const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();

/** The line with each physics multiplier redrawn around its given value (1 when absent), kept in the allowed range. */
function perturbedLine(line: LineSpec, rng: Rng): LineSpec {
  const physics: Record<keyof LinePhysicsSpec, number> = { ...line.physics } as Record<keyof LinePhysicsSpec, number>;
  for (const field of LINE_PHYSICS_FIELDS) {
    const drawn = (line.physics?.[field] ?? 1) * between(rng, 1 - PHYSICS_SPREAD, 1 + PHYSICS_SPREAD);
    physics[field] = Math.min(LINE_PHYSICS_RANGE.max, Math.max(LINE_PHYSICS_RANGE.min, drawn));
  }
  return { ...line, physics };
}

/** `count` variants of the scenario, each with its disturbances and line physics perturbed; the nominal one is not among them. */
export function perturbedTwins(scenario: Scenario, count: number, rng: Rng): Scenario[] {
  return Array.from({ length: count }, (_, i) => {
    const { ambient, rawMaterial } = scenario.disturbances;
    const disturbances = {
      ambient: { meanC: ambient.meanC + between(rng, -4, 4), dailyAmplitudeC: ambient.dailyAmplitudeC * between(rng, 0.7, 1.3) },
      rawMaterial: { std: rawMaterial.std * between(rng, 0.7, 1.3), correlationH: rawMaterial.correlationH * between(rng, 0.5, 2) },
    };
    return {
      ...scenario,
      name: `${scenario.name}~perturbed-${i + 1}`,
      disturbances,
      lines: scenario.lines.map((line) => perturbedLine(line, rng)),
    };
  });
}
