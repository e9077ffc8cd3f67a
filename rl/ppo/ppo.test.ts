import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../engine/rng.ts';
import type { Rng } from '../../physics/model.ts';
import { gae } from './gae.ts';
import { clippedSurrogate } from './loss.ts';
import { GaussianPolicy } from './policy.ts';
import { trainPpo, type PpoEnv } from './ppo.ts';

/** A one-step bandit: reward −(a − target)², the observation a constant the agent cannot exploit. */
function toyEnv(target: number): PpoEnv {
  return {
    obsSize: 1,
    actSize: 1,
    reset: () => [1],
    step: (a) => ({ obs: [1], reward: -((a[0]! - target) ** 2), terminated: false, truncated: true }),
  };
}

describe('gae', () => {
  it('matches a hand-computed example with a terminal and a truncated end', () => {
    // γ = 0.9, λ = 0.5. Episode 1: two steps, truncated at the second (bootstrap V' = 2).
    // δ1 = 1 + 0.9·2 − 1 = 1.8 → A1 = 1.8; δ0 = 0 + 0.9·1 − 0.5 = 0.4 → A0 = 0.4 + 0.45·1.8 = 1.21.
    // Episode 2: one step, terminated (no bootstrap): δ = 2 − 1 = 1 → A = 1.
    const r = gae({ rewards: [0, 1, 2], values: [0.5, 1, 1], nextValues: [1, 2, 5], terminated: [false, false, true], ended: [false, true, true], gamma: 0.9, lambda: 0.5 });
    expect(r.advantages.map((a) => Number(a.toFixed(10)))).toEqual([1.21, 1.8, 1]);
    expect(r.returns.map((a) => Number(a.toFixed(10)))).toEqual([1.71, 2.8, 2]);
  });

  it('refuses arrays of different lengths, naming the field', () => {
    expect(() => gae({ rewards: [0], values: [], nextValues: [0], terminated: [false], ended: [true], gamma: 1, lambda: 1 })).toThrow(/values/);
  });
});

describe('clippedSurrogate', () => {
  it('has zero gradient once the ratio is past the clip range on the advantage’s side, and not inside it', () => {
    const grad = (logpNew: number, adv: number) =>
      tf.tidy(() => {
        const g = tf.grad((x: tf.Tensor) => clippedSurrogate(x as tf.Tensor1D, tf.tensor1d([0]), tf.tensor1d([adv]), 0.2));
        return g(tf.tensor1d([logpNew])).dataSync()[0]!;
      });
    expect(grad(Math.log(1.5), 1)).toBe(0); // ratio 1.5 > 1.2 with A > 0: clipped
    expect(grad(Math.log(0.5), -1)).toBe(0); // ratio 0.5 < 0.8 with A < 0: clipped
    expect(grad(Math.log(1.1), 1)).toBeCloseTo(-1.1, 5); // inside: −ρA
    expect(grad(Math.log(0.5), 1)).toBeCloseTo(-0.5, 5); // past the range on the other side: unclipped, pulls back
  });
});

describe('trainPpo', () => {
  it('learns a 1-D toy: the mean action ends near the target', () => {
    const run = trainPpo(toyEnv(0.4), { totalSteps: 3072, stepsPerUpdate: 256, epochs: 10, minibatch: 64, learningRate: 3e-3, hidden: [16, 16] }, createRng(11, 'ppo-toy'));
    const a = run.policy.act([1])[0]!;
    run.policy.dispose();
    expect(Math.abs(a - 0.4)).toBeLessThan(0.08);
    expect(run.envSteps).toBe(3072);
  }, 30_000);

  it('is deterministic given the seed, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const once = () => {
      const run = trainPpo(toyEnv(-0.3), { totalSteps: 256, stepsPerUpdate: 128, epochs: 2, minibatch: 32, hidden: [8] }, createRng(3, 'ppo-det'));
      const a = run.policy.act([1]);
      run.policy.dispose();
      return a;
    };
    expect(once()).toEqual(once());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a non-positive budget, naming the field', () => {
    expect(() => trainPpo(toyEnv(0), { totalSteps: 0 }, createRng(1))).toThrow(/totalSteps/);
  });
});

describe('GaussianPolicy JSON', () => {
  it('round-trips to identical actions', () => {
    const rng: Rng = createRng(5, 'ppo-json');
    const p = GaussianPolicy.create(3, 2, rng, { hidden: [8, 8] });
    p.norm.update([[1, 2, 3], [3, 5, 7]]);
    const q = GaussianPolicy.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    for (const o of [[0, 0, 0], [2, 4, 9], [-5, 1, 0.5]]) expect(q.act(o)).toEqual(p.act(o));
    p.dispose();
    q.dispose();
  });

  it('refuses weights of the wrong size, naming the field', () => {
    const p = GaussianPolicy.create(2, 1, createRng(1), { hidden: [4] });
    const j = p.toJSON();
    p.dispose();
    expect(() => GaussianPolicy.fromJSON({ ...j, logStd: [0, 0] })).toThrow(/logStd/);
  });
});
