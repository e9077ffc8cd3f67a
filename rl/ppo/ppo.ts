/**
 * Proximal policy optimisation (Schulman et al. 2017) over any environment with the PpoEnv shape:
 * rollouts of `stepsPerUpdate` steps with the current policy, GAE(λ) advantages, then `epochs`
 * passes of shuffled minibatches on the clipped surrogate + value loss − entropy bonus (Adam).
 * Pure: randomness (action noise, shuffles, weights) comes from the injected rng, no clock, no I/O;
 * every tensor is made inside tf.tidy or disposed, so a run leaves as many tensors as it found
 * (besides the returned policy's variables).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../physics/model.ts';
import { gae } from './gae.ts';
import { clippedSurrogate, gaussianEntropy, gaussianLogProb } from './loss.ts';
import { GaussianPolicy } from './policy.ts';

/** What PPO needs of an environment: actions in the normalised box [−1, 1]^actSize. */
export interface PpoEnv {
  readonly obsSize: number;
  readonly actSize: number;
  /** Starts an episode; any randomisation of the episode draws from `rng`. */
  reset(rng: Rng): number[];
  step(action: readonly number[]): { obs: number[]; reward: number; terminated: boolean; truncated: boolean };
}

export interface PpoOptions {
  /** Training budget in environment steps. */
  readonly totalSteps: number;
  readonly stepsPerUpdate?: number;
  readonly epochs?: number;
  readonly minibatch?: number;
  readonly gamma?: number;
  readonly lambda?: number;
  readonly clip?: number;
  readonly learningRate?: number;
  readonly valueCoef?: number;
  readonly entropyCoef?: number;
  /** Rewards are multiplied by this before learning (keeps the critic's targets near unit scale). */
  readonly rewardScale?: number;
  readonly hidden?: readonly number[];
  readonly initLogStd?: number;
}

export interface PpoRun {
  readonly policy: GaussianPolicy;
  readonly envSteps: number;
  readonly updates: number;
  /** Mean undiscounted return of the episodes finished in each update's rollout (unscaled; NaN if none). */
  readonly episodeReturns: readonly number[];
}

const positive = (name: string, v: number) => {
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`ppo: ${name} must be a positive number, got ${v}`);
  return v;
};

/** @example const { policy } = trainPpo(env, { totalSteps: 4096 }, createRng(7, 'ppo')) */
export function trainPpo(env: PpoEnv, opts: PpoOptions, rng: Rng): PpoRun {
  const total = positive('totalSteps', opts.totalSteps);
  const n = positive('stepsPerUpdate', opts.stepsPerUpdate ?? 256);
  const epochs = positive('epochs', opts.epochs ?? 10);
  const mb = positive('minibatch', opts.minibatch ?? 64);
  const gamma = opts.gamma ?? 0.99;
  const lambda = opts.lambda ?? 0.95;
  const clip = positive('clip', opts.clip ?? 0.2);
  const vf = opts.valueCoef ?? 0.5;
  const ent = opts.entropyCoef ?? 0.0;
  const scale = opts.rewardScale ?? 1;
  const policy = GaussianPolicy.create(env.obsSize, env.actSize, rng, { hidden: opts.hidden, initLogStd: opts.initLogStd });
  const optimizer = tf.train.adam(positive('learningRate', opts.learningRate ?? 3e-4));
  const vars = policy.trainable();
  const episodeReturns: number[] = [];
  let obs = env.reset(rng);
  let epReturn = 0;
  let steps = 0;
  let updates = 0;
  while (steps < total) {
    const len = Math.min(n, total - steps);
    const raw: number[][] = [];
    const nextRaw: number[][] = [];
    const acts: number[][] = [];
    const rewards: number[] = [];
    const terminated: boolean[] = [];
    const ended: boolean[] = [];
    const finished: number[] = [];
    const std = Array.from(policy.logStd.dataSync(), Math.exp);
    for (let t = 0; t < len; t++) {
      const x = policy.norm.apply(obs);
      const mu = tf.tidy(() => policy.mean(tf.tensor2d([x])).dataSync());
      const z = Array.from(mu, (m, i) => m + std[i]! * rng.normal());
      // The env sees the sample clipped to the box; the log-probability is the unclipped sample's (as SB3 does).
      const r = env.step(z.map((v) => Math.max(-1, Math.min(1, v))));
      epReturn += r.reward;
      raw.push(obs);
      acts.push(z);
      rewards.push(r.reward * scale);
      terminated.push(r.terminated);
      nextRaw.push(r.obs);
      const done = r.terminated || r.truncated;
      ended.push(done || t === len - 1);
      if (done) {
        finished.push(epReturn);
        epReturn = 0;
        obs = env.reset(rng);
      } else obs = r.obs;
    }
    steps += len;
    episodeReturns.push(finished.length > 0 ? finished.reduce((a, b) => a + b, 0) / finished.length : Number.NaN);
    // The statistics take in this rollout before the update: the update and the next rollout see one scale.
    policy.norm.update(raw);
    const xs = raw.map((o) => policy.norm.apply(o));
    const nextXs = nextRaw.map((o) => policy.norm.apply(o));
    const [values, nextValues, logpOld] = tf.tidy(() => {
      const X = tf.tensor2d(xs);
      return [
        Array.from(policy.value(X).dataSync()),
        Array.from(policy.value(tf.tensor2d(nextXs)).dataSync()),
        Array.from(gaussianLogProb(tf.tensor2d(acts), policy.mean(X), policy.logStd as tf.Tensor1D).dataSync()),
      ];
    });
    // The rollout's last step, cut by the budget and not by the episode, bootstraps from its next value.
    const { advantages, returns } = gae({ rewards, values, nextValues, terminated, ended, gamma, lambda });
    for (let e = 0; e < epochs; e++) {
      const order = shuffle(len, rng);
      for (let s = 0; s < len; s += mb) {
        const idx = order.slice(s, s + mb);
        if (idx.length < 2) continue;
        const pick = <T>(a: readonly T[]) => idx.map((i) => a[i]!);
        const adv = pick(advantages);
        const m = adv.reduce((a, b) => a + b, 0) / adv.length;
        const sd = Math.sqrt(adv.reduce((a, b) => a + (b - m) ** 2, 0) / adv.length) + 1e-8;
        const cost = optimizer.minimize(
          () => {
            const X = tf.tensor2d(pick(xs));
            const logp = gaussianLogProb(tf.tensor2d(pick(acts)), policy.mean(X), policy.logStd as tf.Tensor1D);
            const surrogate = clippedSurrogate(logp, tf.tensor1d(pick(logpOld)), tf.tensor1d(adv.map((a) => (a - m) / sd)), clip);
            const valueLoss = tf.mean(tf.square(tf.sub(policy.value(X), tf.tensor1d(pick(returns)))));
            return tf.sub(tf.add(surrogate, tf.mul(vf, valueLoss)), tf.mul(ent, gaussianEntropy(policy.logStd as tf.Tensor1D))) as tf.Scalar;
          },
          false,
          vars,
        );
        cost?.dispose();
      }
    }
    updates++;
  }
  optimizer.dispose();
  return { policy, envSteps: steps, updates, episodeReturns };
}

function shuffle(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
