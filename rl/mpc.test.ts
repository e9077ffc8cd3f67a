/**
 * MPC against fixed setpoints, judged where the planner cannot cheat: it plans on the nominal twin
 * with planning seeds 1–3, and its plan is measured on a perturbed stand-in plant (other ambient and
 * raw-material disturbances) with plant seeds it never saw, over 2 h on the line.
 *
 * Stated margin: on each of three library incidents, at least 30 % fewer defects per 1,000 units than
 * holding the setpoints, and a higher reward. (On the others it is not so: batch contamination and
 * the lehr fan failure end within ±5 % of holding, the under-heated furnace holds — bench:rl measures
 * all seven, and verification drops what does not hold up.)
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { createRng } from '../engine/rng.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { plantRef } from '../lookahead/plant-key.ts';
import { inProcessRolloutRunner } from '../lookahead/rollout-runner.ts';
import { subScenario } from '../lookahead/sub-plant.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { planMpc, type MpcOptions } from './mpc.ts';
import { perturbedTwins } from './perturbed-twins.ts';
import { plantTrial, trialChange } from './plant-trial.ts';
import { DEFAULT_REWARD_WEIGHTS } from './reward.ts';
import { DEFAULT_SAFETY_POLICY, envelopes } from './safety-policy.ts';

const runner = inProcessRolloutRunner();

function incident(name: string, asset: string, atH: number) {
  const scenario = subScenario({ ...loadLibraryScenario(name), actions: [] }, new Set([asset]));
  const engine = createEngine(scenario);
  engine.stepSilently(Math.round((atH * 3600) / engine.stepS));
  const envs = envelopes(DEFAULT_SAFETY_POLICY, engine.setpoints());
  const current = envs.map((x) => engine.setpoints().find((s) => s.id === x.setpoint)!.target);
  return { scenario, asset, snapshot: snapshotToBinary(engine.snapshot()), startS: engine.tS, envs, current };
}

const plan = (c: ReturnType<typeof incident>, options?: Partial<MpcOptions>) =>
  planMpc({ runner, plant: plantRef(c.scenario), snapshot: c.snapshot, startS: c.startS, asset: c.asset, envelopes: c.envs, current: c.current, weights: DEFAULT_REWARD_WEIGHTS, seeds: [1, 2, 3], rng: createRng(1, 'mpc-test'), warmStart: null, ...(options ? { options } : {}) });

describe('MPC on forks of the twin', () => {
  for (const [name, asset, atH] of [
    ['belt-overspeed-deformation', 'Line_A', 3],
    ['forming-pressure-oscillation-bubbles', 'Line_B', 3.5],
    ['furnace-overheat-crack-storm', 'Line_A', 9],
  ] as const) {
    it(`beats fixed setpoints on ${name} (${asset}, ${atH} h) on a perturbed plant: ≥ 30 % fewer defects, a higher reward`, async () => {
      const c = incident(name, asset, atH);
      const mpc = await plan(c);
      expect(mpc.bestScore).toBeGreaterThanOrEqual(mpc.holdScore);
      const plant = plantRef(perturbedTwins(c.scenario, 1, createRng(77, 'mpc-test-plant'))[0]!);
      const trial = await plantTrial({ runner, plant, snapshot: c.snapshot, asset, envelopes: c.envs, moves: mpc.candidate.moves, seeds: [900_001, 900_002, 900_003, 900_004], horizonS: 7200, stepS: 10, weights: DEFAULT_REWARD_WEIGHTS });
      const change = trialChange(trial);
      expect(trial.violations).toBe(0);
      expect(change.defectsPct).toBeLessThanOrEqual(-30);
      expect(change.rewardGain).toBeGreaterThan(0);
    }, 60_000);
  }

  it('plans the same for the same inputs, and keeps every target inside the envelope', async () => {
    const c = incident('furnace-overheat-crack-storm', 'Line_A', 9);
    const small = { samples: 8, iterations: 2, horizonS: 1800 };
    const [a, b] = [await plan(c, small), await plan(c, small)];
    expect(a.candidate.moves).toEqual(b.candidate.moves);
    expect(a.rollouts).toBe(16);
    for (const m of a.candidate.moves) {
      const env = c.envs.find((e) => e.setpoint === m.setpoint)!;
      expect(m.to).toBeGreaterThanOrEqual(env.lo);
      expect(m.to).toBeLessThanOrEqual(env.hi);
    }
  }, 60_000);
});
