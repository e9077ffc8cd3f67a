/**
 * PPO's losses (Schulman et al. 2017, "Proximal Policy Optimization Algorithms", eq. 7 and 9):
 * the clipped surrogate −E[min(ρA, clip(ρ, 1−ε, 1+ε)A)], ρ = exp(log π_new − log π_old), plus the
 * value loss and an entropy bonus. Outside the clip range on the side the advantage favours, the
 * clipped term is the constant, so its gradient is zero: the update cannot push the ratio further.
 */
import * as tf from '@tensorflow/tfjs';

const LOG_2PI = Math.log(2 * Math.PI);

/** Log-density of a diagonal Gaussian, summed over the action dimensions: [batch]. */
export function gaussianLogProb(actions: tf.Tensor2D, mean: tf.Tensor2D, logStd: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const z = tf.div(tf.sub(actions, mean), tf.exp(logStd));
    const per = tf.add(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * LOG_2PI).neg());
    return tf.sum(per, 1) as tf.Tensor1D;
  });
}

/** Entropy of the diagonal Gaussian: Σ (log σ + ½ log 2πe). */
export function gaussianEntropy(logStd: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.add(logStd, 0.5 * (LOG_2PI + 1))) as tf.Scalar);
}

/** The clipped surrogate, to be minimised: a scalar. */
export function clippedSurrogate(logProbNew: tf.Tensor1D, logProbOld: tf.Tensor1D, advantages: tf.Tensor1D, clip: number): tf.Scalar {
  return tf.tidy(() => {
    const ratio = tf.exp(tf.sub(logProbNew, logProbOld));
    const unclipped = tf.mul(ratio, advantages);
    const clipped = tf.mul(tf.clipByValue(ratio, 1 - clip, 1 + clip), advantages);
    return tf.neg(tf.mean(tf.minimum(unclipped, clipped))) as tf.Scalar;
  });
}
