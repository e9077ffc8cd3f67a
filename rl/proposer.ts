/**
 * The optimizer's round for one asset: plan by MPC on the nominal twin with the round's planning
 * seeds, then verify on other seeds across the nominal and perturbed twins. Seeds come from the
 * round number, so no round reuses another's and verification never sees a planning seed; the
 * previous round's plan of each asset warm-starts the next.
 */
import { createRng } from '../engine/rng.ts';
import { plantRef, type PlantRef } from '../lookahead/plant-key.ts';
import type { RolloutRunner } from '../lookahead/rollout-runner.ts';
import type { CycleInput, ProposeFn } from './cycle.ts';
import { planMpc, type MpcOptions } from './mpc.ts';
import { perturbedTwins } from './perturbed-twins.ts';
import { verifyCandidate, type VerifyOptions } from './verify.ts';

export interface ProposerOptions {
  readonly runner: RolloutRunner;
  readonly mpc?: Partial<MpcOptions>;
  readonly verify?: Partial<VerifyOptions>;
  /** Planning seeds per round (default 3) and verification seeds per twin (default 2). */
  readonly planningSeeds?: number;
  readonly verificationSeeds?: number;
  /** Perturbed twins besides the nominal one (default 3), drawn once from `seed`. */
  readonly perturbed?: number;
  readonly seed?: number;
}

/** Seeds of round r: planning from r·1000 + 1, verification from r·1000 + 501 (disjoint for < 500 of each). */
export function roundSeeds(round: number, planning: number, verification: number): { planning: number[]; verification: number[] } {
  const base = round * 1000;
  return { planning: Array.from({ length: planning }, (_, i) => base + 1 + i), verification: Array.from({ length: verification }, (_, i) => base + 501 + i) };
}

/** @example const propose = createProposer({ runner }); const v = await propose(cycleInput); */
export function createProposer(options: ProposerOptions): ProposeFn {
  const warm = new Map<string, { holds: number[][]; setpoints: string[] }>();
  const twins = new Map<string, PlantRef[]>();
  const twinsOf = (plant: PlantRef) => {
    let t = twins.get(plant.key);
    if (!t) {
      t = [plant, ...perturbedTwins(plant.scenario, options.perturbed ?? 3, createRng(options.seed ?? 20_261_202, 'perturbed-twins')).map(plantRef)];
      twins.set(plant.key, t);
    }
    return t;
  };
  return async (input: CycleInput) => {
    if (input.envelopes.length === 0) return null;
    const ids = input.envelopes.map((e) => e.setpoint);
    const current = ids.map((id) => input.setpoints.find((s) => s.id === id)!.target);
    const seeds = roundSeeds(input.round, options.planningSeeds ?? 3, options.verificationSeeds ?? 2);
    const prev = warm.get(input.asset);
    // Shifted by one segment: its second hold point first, the last one repeated. With one hold
    // point (the default) the plan holds its target to the horizon's end: shifted, it is itself.
    const warmStart = prev && prev.setpoints.join() === ids.join() ? prev.holds.map((h) => [...h.slice(1), h[h.length - 1]!]) : null;
    const mpc = await planMpc({ runner: options.runner, plant: input.plant, snapshot: input.snapshot, startS: input.startS, asset: input.asset, envelopes: input.envelopes, current, weights: input.weights, seeds: seeds.planning, rng: createRng(input.round, `mpc:${input.asset}`), warmStart, ...(options.mpc ? { options: options.mpc } : {}) });
    warm.set(input.asset, { holds: mpc.holds, setpoints: ids });
    return verifyCandidate({
      runner: options.runner,
      twins: twinsOf(input.plant),
      snapshot: input.snapshot,
      asset: input.asset,
      envelopes: input.envelopes,
      candidate: mpc.candidate,
      seeds: seeds.verification,
      planningSeeds: seeds.planning,
      trust: input.trust,
      ...(options.verify ? { options: options.verify } : {}),
    });
  };
}
