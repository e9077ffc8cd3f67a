import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../engine/rng.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { trainPpo } from './ppo.ts';
import { ppoMoves } from './propose.ts';
import { randomisedTwinTask } from './twin-task.ts';

describe('PPO on a randomised TwinEnv', () => {
  it('keeps actions in the space, leaks no tensors, and its moves stay within the envelopes', () => {
    const incident = { ...loadLibraryScenario('furnace-overheat-crack-storm'), actions: [] };
    const task = randomisedTwinTask({ incidents: [incident], decisionS: 600, horizonS: 1800 });
    const env = task.envs[0]!;
    const sent: number[][] = [];
    const step = task.step.bind(task);
    const spy = { ...task, step: (a: readonly number[]) => (sent.push([...a]), step(a)) };
    const before = tf.memory().numTensors;
    const run = trainPpo(spy, { totalSteps: 12, stepsPerUpdate: 6, epochs: 2, minibatch: 3, rewardScale: 1e-3, hidden: [8] }, createRng(2, 'ppo-twin-test'));
    expect(run.envSteps).toBe(12);
    expect(sent.every((a) => a.length === env.actionSpace.shape[0] && a.every((v) => v >= -1 && v <= 1))).toBe(true);

    const obs = env.reset({ seed: incident.seed, scenario: incident, from: 3 * 3600 }).obs;
    const asset = env.actionSpace.names[0]!.split('.')[0]!;
    const targets = Object.fromEntries(env.actionSpace.names.map((id) => [id, obs[env.observationSpace.indexOf(`${id}.target`)]!]));
    const envs = env.actionSpace.names.map((id, i) => ({ setpoint: id, unit: '', lo: env.actionSpace.low[i]!, hi: env.actionSpace.high[i]!, ratePerS: 1, approvalAbove: Infinity }));
    for (const m of ppoMoves(run.policy, env, obs, envs, targets)) {
      expect(m.setpoint.startsWith(`${asset}.`)).toBe(true);
      const i = env.actionSpace.indexOf(m.setpoint);
      expect(m.to).toBeGreaterThanOrEqual(env.actionSpace.low[i]!);
      expect(m.to).toBeLessThanOrEqual(env.actionSpace.high[i]!);
    }
    run.policy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
