/**
 * The PPO agent's networks: a Gaussian actor (an MLP for the mean in the normalised action space
 * [−1, 1]^d, and a learnable log-std per dimension) and a critic MLP, on normalised observations.
 * Weights are initialised from the injected rng (Glorot uniform), never from TF.js's own random
 * state, so a seed fixes the run; they serialise to plain JSON and load back bit for bit.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../physics/model.ts';
import { RunningNorm, type NormalizerState } from './normalizer.ts';

export interface PolicyJson {
  readonly kind: 'ppo-gaussian-mlp';
  readonly obsSize: number;
  readonly actSize: number;
  readonly hidden: readonly number[];
  /** Per layer [weights row-major, bias], actor then critic. */
  readonly actor: readonly (readonly [number[], number[]])[];
  readonly critic: readonly (readonly [number[], number[]])[];
  readonly logStd: number[];
  readonly norm: NormalizerState;
}

type Layer = readonly [tf.Variable, tf.Variable];

/** A variable from a fresh tensor, the tensor released (tf.variable keeps its own reference to the data). */
function own(t: tf.Tensor): tf.Variable {
  const v = tf.variable(t);
  t.dispose();
  return v;
}

function glorot(rng: Rng, fanIn: number, fanOut: number, gain: number): Float32Array {
  const limit = gain * Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * limit;
  return w;
}

function mlp(rng: Rng, sizes: readonly number[], lastGain: number): Layer[] {
  return sizes.slice(1).map((out, i) => {
    const inp = sizes[i]!;
    const gain = i === sizes.length - 2 ? lastGain : 1;
    return [own(tf.tensor2d(glorot(rng, inp, out, gain), [inp, out])), own(tf.zeros([out]))] as const;
  });
}

function forward(layers: readonly Layer[], x: tf.Tensor2D): tf.Tensor2D {
  let h = x;
  layers.forEach(([w, b], i) => {
    const z = tf.add(tf.matMul(h, w), b) as tf.Tensor2D;
    h = i < layers.length - 1 ? tf.tanh(z) : z;
  });
  return h;
}

export class GaussianPolicy {
  readonly actor: Layer[];
  readonly critic: Layer[];
  readonly logStd: tf.Variable;
  readonly norm: RunningNorm;

  private constructor(
    readonly obsSize: number,
    readonly actSize: number,
    readonly hidden: readonly number[],
    actor: Layer[],
    critic: Layer[],
    logStd: tf.Variable,
    norm: RunningNorm,
  ) {
    this.actor = actor;
    this.critic = critic;
    this.logStd = logStd;
    this.norm = norm;
  }

  /** @example GaussianPolicy.create(7, 2, rng, { hidden: [64, 64], initLogStd: -0.5 }) */
  static create(obsSize: number, actSize: number, rng: Rng, opts: { readonly hidden?: readonly number[]; readonly initLogStd?: number } = {}): GaussianPolicy {
    if (!(Number.isInteger(obsSize) && obsSize > 0)) throw new RangeError(`policy: obsSize must be a positive integer, got ${obsSize}`);
    if (!(Number.isInteger(actSize) && actSize > 0)) throw new RangeError(`policy: actSize must be a positive integer, got ${actSize}`);
    const hidden = opts.hidden ?? [64, 64];
    // A small last layer for the actor (mean ≈ 0 at the start) as in the PPO implementation details (Huang et al. 2022).
    const actor = mlp(rng, [obsSize, ...hidden, actSize], 0.01);
    const critic = mlp(rng, [obsSize, ...hidden, 1], 1);
    const logStd = own(tf.fill([actSize], opts.initLogStd ?? -0.5));
    return new GaussianPolicy(obsSize, actSize, hidden, actor, critic, logStd, new RunningNorm(obsSize));
  }

  static fromJSON(j: PolicyJson): GaussianPolicy {
    if (j.kind !== 'ppo-gaussian-mlp') throw new RangeError(`policy: kind must be "ppo-gaussian-mlp", got ${String(j.kind)}`);
    const sizesA = [j.obsSize, ...j.hidden, j.actSize];
    const sizesC = [j.obsSize, ...j.hidden, 1];
    const load = (layers: PolicyJson['actor'], sizes: number[], field: string): Layer[] => {
      if (layers.length !== sizes.length - 1) throw new RangeError(`policy: ${field} has ${layers.length} layers, expected ${sizes.length - 1}`);
      return layers.map(([w, b], i) => {
        if (w.length !== sizes[i]! * sizes[i + 1]! || b.length !== sizes[i + 1]) throw new RangeError(`policy: ${field}[${i}] has the wrong size`);
        return [own(tf.tensor2d(w, [sizes[i]!, sizes[i + 1]!])), own(tf.tensor1d(b))] as const;
      });
    };
    if (j.logStd.length !== j.actSize) throw new RangeError(`policy: logStd has ${j.logStd.length} values, expected ${j.actSize}`);
    return new GaussianPolicy(j.obsSize, j.actSize, j.hidden, load(j.actor, sizesA, 'actor'), load(j.critic, sizesC, 'critic'), own(tf.tensor1d(j.logStd)), new RunningNorm(j.obsSize, j.norm));
  }

  toJSON(): PolicyJson {
    const dump = (layers: readonly Layer[]) => layers.map(([w, b]) => [Array.from(w.dataSync()), Array.from(b.dataSync())] as const);
    return { kind: 'ppo-gaussian-mlp', obsSize: this.obsSize, actSize: this.actSize, hidden: [...this.hidden], actor: dump(this.actor), critic: dump(this.critic), logStd: Array.from(this.logStd.dataSync()), norm: this.norm.toJSON() };
  }

  trainable(): tf.Variable[] {
    return [...this.actor.flat(), ...this.critic.flat(), this.logStd];
  }

  /** Mean in the normalised action space (unclipped) for normalised observations. */
  mean(x: tf.Tensor2D): tf.Tensor2D {
    return forward(this.actor, x);
  }

  value(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.squeeze(forward(this.critic, x), [1]) as tf.Tensor1D);
  }

  /** Deterministic action for one raw observation: the mean, clipped to [−1, 1]. */
  act(obs: readonly number[]): number[] {
    const m = tf.tidy(() => this.mean(tf.tensor2d([this.norm.apply(obs)])).dataSync());
    return Array.from(m, (v) => Math.max(-1, Math.min(1, v)));
  }

  dispose(): void {
    for (const v of this.trainable()) v.dispose();
  }
}
