/**
 * Integrated gradients (Sundararajan, Taly & Yan, "Axiomatic Attribution for Deep Networks",
 * ICML 2017): attribution_i = (x_i − x'_i) · ∫₀¹ ∂F(x' + α(x − x'))/∂x_i dα, by an m-step Riemann
 * sum. The baseline x' is 0, i.e. the training mean of scaled inputs. Summed over the window's steps,
 * it gives one signed contribution per input feature; by completeness they add up to F(x) − F(x').
 */
import * as tf from '@tensorflow/tfjs';
import { forward } from '../models/net.ts';
import type { NetModel } from '../models/net-model.ts';

/** One input's share of a prediction. */
export interface Contribution {
  readonly feature: string;
  /** Signed, in the model's raw output unit (logit, or standardised target). */
  readonly contribution: number;
}

/** Attributions of output `output` for `n` windows: `n × features`, summed over steps. */
export function integratedGradients(model: NetModel, x: Float32Array, n: number, output = 0, m = 16, condition?: Int32Array): Float32Array {
  const { steps: T, features: F, conditions } = model.spec;
  const out = new Float32Array(n * F);
  if (n === 0) return out;
  tf.tidy(() => {
    const xt = tf.tensor3d(x.subarray(0, n * T * F), [n, T, F]);
    const alphas = tf.linspace(1 / m - 1 / (2 * m), 1 - 1 / (2 * m), m); // midpoint rule
    // [m, n, T, F] interpolants, flattened to one batch of m·n windows.
    const path = alphas.reshape([m, 1, 1, 1]).mul(xt.expandDims(0)).reshape([m * n, T, F]) as tf.Tensor3D;
    const cond = conditions > 0
      ? tf.tile(tf.oneHot(tf.tensor1d(condition?.subarray(0, n) ?? new Int32Array(n), 'int32'), conditions).toFloat(), [m, 1]) as tf.Tensor2D
      : undefined;
    const g = tf.grad((p: tf.Tensor) => forward(model.spec, model.weights, p as tf.Tensor3D, cond).slice([0, output], [m * n, 1]).sum())(path);
    const avg = g.reshape([m, n, T, F]).mean(0);
    out.set(avg.mul(xt).sum(1).dataSync() as Float32Array);
  });
  return out;
}

/** The k features with the largest |contribution| of window i. */
export function topContributions(attr: Float32Array, i: number, names: readonly string[], k = 3): Contribution[] {
  const F = names.length;
  const idx = Array.from({ length: F }, (_, f) => f).sort((a, b) => Math.abs(attr[i * F + b]!) - Math.abs(attr[i * F + a]!));
  return idx.slice(0, k).map((f) => ({ feature: names[f]!, contribution: attr[i * F + f]! }));
}
