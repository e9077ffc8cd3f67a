/**
 * A small window network built from plain variables and matMuls, so that it trains on every TF.js
 * backend: wasm has no Conv2DBackpropFilter, hence the temporal convolution is written as an unfold
 * (k shifted slices concatenated on the channel axis) followed by one matMul — the im2col form of a
 * 1-D convolution (Chellapilla et al., "High Performance Convolutional Neural Networks for Document
 * Processing", 2006). The stack follows the 1-D CNN for RUL of Li, Ding & Sun, "Remaining useful life
 * estimation in prognostics using deep convolution neural networks", RESS 172 (2018).
 */
import * as tf from '@tensorflow/tfjs';

/** The architecture of a `Net`: serialisable, saved as the model topology. */
export interface NetSpec {
  readonly steps: number;
  readonly features: number;
  /** Temporal convolutions (valid padding, ReLU), applied first. */
  readonly conv: readonly { readonly kernel: number; readonly channels: number }[];
  /**
   * Learned temporal bases shared by all features (0: none): each feature's series of `steps` values
   * is projected on `temporal` learned vectors before flattening — a factorised first layer that
   * smooths the noisy sensors (cf. the moving-average / exponential smoothing used before RUL models).
   */
  readonly temporal?: number;
  /** Dense ReLU layers after flattening. */
  readonly hidden: readonly number[];
  readonly outputs: number;
  readonly dropout: number;
  /** Number of conditions (machine types) appended one-hot after flattening; 0 for none. */
  readonly conditions: number;
  /** Index of a dense layer whose output is linear (an autoencoder's bottleneck); -1 for none. */
  readonly linearHidden?: number;
}

/** Weights of a `Net`, by name, in creation order. */
export type NetWeights = Map<string, tf.Variable>;

// TF.js keeps one global registry of variable names; several nets live side by side.
let nextId = 0;
const unique = (name: string): string => `${name}#${nextId++}`;

/** Glorot-uniform weights and zero biases, seeded (Glorot & Bengio, AISTATS 2010). */
export function initWeights(spec: NetSpec, seed: number): NetWeights {
  const w: NetWeights = new Map();
  let k = 0;
  const dense = (name: string, fanIn: number, fanOut: number): void => {
    const lim = Math.sqrt(6 / (fanIn + fanOut));
    w.set(`${name}/kernel`, tf.variable(tf.randomUniform([fanIn, fanOut], -lim, lim, 'float32', seed * 7919 + k++), true, unique(`${name}/kernel`)));
    w.set(`${name}/bias`, tf.variable(tf.zeros([fanOut]), true, unique(`${name}/bias`)));
  };
  let len = spec.steps;
  let ch = spec.features;
  spec.conv.forEach((c, i) => {
    dense(`conv${i}`, c.kernel * ch, c.channels);
    len = len - c.kernel + 1;
    ch = c.channels;
  });
  if ((spec.temporal ?? 0) > 0) {
    const lim = Math.sqrt(3 / len);
    w.set('temporal/kernel', tf.variable(tf.randomUniform([len, spec.temporal!], -lim, lim, 'float32', seed * 7919 + k++), true, unique('temporal/kernel')));
    len = spec.temporal!;
  }
  let width = len * ch + spec.conditions;
  spec.hidden.forEach((h, i) => {
    dense(`dense${i}`, width, h);
    width = h;
  });
  dense('out', width, spec.outputs);
  return w;
}

function get(w: NetWeights, name: string): tf.Variable {
  const v = w.get(name);
  if (v === undefined) throw new Error(`missing weight ${name}`);
  return v;
}

/** im2col 1-D convolution: [b, T, C] → [b, T-k+1, out]. */
export function unfoldConv(h: tf.Tensor3D, kernel: number, wk: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor3D {
  const [b, T, C] = h.shape;
  const L = T - kernel + 1;
  const slices = [];
  for (let i = 0; i < kernel; i++) slices.push(h.slice([0, i, 0], [b, L, C]));
  const cols = kernel === 1 ? h : tf.concat(slices, 2);
  const y = tf.matMul(cols.reshape([b * L, kernel * C]), wk).add(bias);
  return y.reshape([b, L, wk.shape[1]]);
}

/** Forward pass; `x` is [b, steps, features], `cond` one-hot [b, conditions]. Returns [b, outputs]. */
export function forward(
  spec: NetSpec,
  w: NetWeights,
  x: tf.Tensor3D,
  cond: tf.Tensor2D | undefined,
  training = false,
  dropoutSeed = 0,
): tf.Tensor2D {
  let h3 = x;
  spec.conv.forEach((c, i) => {
    h3 = tf.relu(unfoldConv(h3, c.kernel, get(w, `conv${i}/kernel`) as tf.Tensor2D, get(w, `conv${i}/bias`) as tf.Tensor1D));
  });
  const b = x.shape[0];
  if ((spec.temporal ?? 0) > 0) {
    // [b, T, C] → [b, C, T] · [T, m] → [b, C, m], kept as [b, m, C] so flattening matches initWeights.
    const [, T, C] = h3.shape;
    const p = tf.matMul(h3.transpose([0, 2, 1]).reshape([b * C, T]), get(w, 'temporal/kernel'));
    h3 = p.reshape([b, C, spec.temporal!]).transpose([0, 2, 1]);
  }
  let h: tf.Tensor2D = h3.reshape([b, h3.shape[1] * h3.shape[2]]);
  if (spec.conditions > 0 && cond !== undefined) h = tf.concat([h, cond], 1);
  spec.hidden.forEach((_, i) => {
    const z = tf.matMul(h, get(w, `dense${i}/kernel`)).add(get(w, `dense${i}/bias`)) as tf.Tensor2D;
    h = i === spec.linearHidden ? z : tf.relu(z);
    if (training && spec.dropout > 0) h = tf.dropout(h, spec.dropout, undefined, dropoutSeed * 31 + i) as tf.Tensor2D;
  });
  return tf.matMul(h, get(w, 'out/kernel')).add(get(w, 'out/bias')) as tf.Tensor2D;
}

/** Weights as named tensors, for `tf.io.encodeWeights`. */
export function weightMap(w: NetWeights): Record<string, tf.Tensor> {
  return Object.fromEntries([...w].map(([k, v]) => [k, v as tf.Tensor]));
}

/** Variables from decoded weights (same names as `initWeights`). */
export function weightsFrom(tensors: Record<string, tf.Tensor>): NetWeights {
  return new Map(Object.entries(tensors).map(([k, t]) => [k, tf.variable(t, true, unique(k))]));
}

/** Frees every variable. */
export function disposeWeights(w: NetWeights): void {
  for (const v of w.values()) v.dispose();
}
