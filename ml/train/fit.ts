/**
 * The one training loop of ml/: mini-batch Adam (Kingma & Ba, ICLR 2015) over a `Net`, seeded
 * shuffling, early stopping on validation loss with the best weights restored (Prechelt, "Early
 * Stopping — But When?", 1998), and a wall-clock budget. Runs on any backend (no fused kernels).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../engine/rng.ts';
import { forward, type NetSpec, type NetWeights } from '../models/net.ts';

/** What the loop minimises: mean squared error or binary cross-entropy on logits. */
export type LossKind = 'mse' | 'bce';

/** Inputs and targets as flat arrays (row-major), as in a WindowSet. */
export interface FitData {
  readonly n: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly condition?: Int32Array | undefined;
}

/** Loop settings. */
export interface FitConfig {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly loss: LossKind;
  readonly seed: number;
  readonly patience?: number;
  readonly maxMs?: number;
  /** Multiplies the learning rate each epoch (1 = constant). */
  readonly lrDecay?: number;
  /** Weight of positive targets in BCE, to counter rare events. */
  readonly posWeight?: number;
}

/** Per-epoch losses and the epoch whose weights were kept. */
export interface FitHistory {
  readonly loss: number[];
  readonly valLoss: number[];
  bestEpoch: number;
}

/** Builds the input tensors of a batch of rows. */
export function inputTensors(spec: NetSpec, d: FitData, from = 0, to = d.n): { x: tf.Tensor3D; cond?: tf.Tensor2D } {
  const stride = spec.steps * spec.features;
  const x = tf.tensor3d(d.x.subarray(from * stride, to * stride), [to - from, spec.steps, spec.features]);
  if (spec.conditions === 0) return { x };
  const c = d.condition?.subarray(from, to) ?? new Int32Array(to - from);
  return { x, cond: tf.oneHot(tf.tensor1d(c, 'int32'), spec.conditions).toFloat() as tf.Tensor2D };
}

function lossOf(kind: LossKind, out: tf.Tensor2D, y: tf.Tensor2D, posWeight: number): tf.Scalar {
  if (kind === 'mse') return tf.losses.meanSquaredError(y, out) as tf.Scalar;
  // BCE with logits, written out so positives can be weighted: softplus(-z)·y·w + softplus(z)·(1-y).
  const pos = tf.softplus(tf.neg(out)).mul(y).mul(posWeight);
  const neg = tf.softplus(out).mul(tf.sub(1, y));
  return tf.mean(pos.add(neg));
}

/** Mean loss over a data set, in batches, no gradients. */
export function evalLoss(spec: NetSpec, w: NetWeights, d: FitData, kind: LossKind, posWeight = 1): number {
  let sum = 0;
  const bs = 2048;
  for (let i = 0; i < d.n; i += bs) {
    const j = Math.min(d.n, i + bs);
    sum += tf.tidy(() => {
      const { x, cond } = inputTensors(spec, d, i, j);
      const y = tf.tensor2d(d.y.subarray(i * (d.y.length / d.n), j * (d.y.length / d.n)), [j - i, d.y.length / d.n]);
      return lossOf(kind, forward(spec, w, x, cond), y, posWeight).dataSync()[0]! * (j - i);
    });
  }
  return sum / Math.max(1, d.n);
}

/** Trains `w` in place; returns the loss history. `onEpoch` sees each epoch's losses. */
export async function fit(
  spec: NetSpec,
  w: NetWeights,
  train: FitData,
  val: FitData | undefined,
  cfg: FitConfig,
  onEpoch?: (epoch: number, loss: number, valLoss: number | undefined, elapsedMs: number) => void,
): Promise<FitHistory> {
  const start = performance.now();
  const rng = createRng(cfg.seed, 'fit-shuffle');
  const stride = spec.steps * spec.features;
  const yw = train.y.length / train.n;
  const opt = tf.train.adam(cfg.learningRate);
  const vars = [...w.values()];
  const hist: FitHistory = { loss: [], valLoss: [], bestEpoch: -1 };
  let best = Infinity;
  let bestVals: tf.Tensor[] | undefined;
  const order = Int32Array.from({ length: train.n }, (_, i) => i);
  const xb = new Float32Array(cfg.batchSize * stride);
  const yb = new Float32Array(cfg.batchSize * yw);
  const cb = new Int32Array(cfg.batchSize);
  let step = 0;
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      const t = order[i]!; order[i] = order[j]!; order[j] = t;
    }
    let sum = 0;
    for (let s = 0; s < train.n; s += cfg.batchSize) {
      const m = Math.min(cfg.batchSize, train.n - s);
      for (let r = 0; r < m; r++) {
        const row = order[s + r]!;
        xb.set(train.x.subarray(row * stride, (row + 1) * stride), r * stride);
        yb.set(train.y.subarray(row * yw, (row + 1) * yw), r * yw);
        cb[r] = train.condition?.[row] ?? 0;
      }
      const batch: FitData = { n: m, x: xb.subarray(0, m * stride), y: yb.subarray(0, m * yw), condition: cb.subarray(0, m) };
      const seed = cfg.seed * 100_003 + step++;
      const loss = opt.minimize(() => {
        const { x, cond } = inputTensors(spec, batch);
        const y = tf.tensor2d(batch.y, [m, yw]);
        return lossOf(cfg.loss, forward(spec, w, x, cond, true, seed), y, cfg.posWeight ?? 1);
      }, true, vars);
      sum += (await loss!.data())[0]! * m; // intermediates are freed by minimize's own scope
      loss!.dispose();
    }
    const trainLoss = sum / train.n;
    const valLoss = val === undefined || val.n === 0 ? undefined : evalLoss(spec, w, val, cfg.loss, cfg.posWeight ?? 1);
    hist.loss.push(trainLoss);
    hist.valLoss.push(valLoss ?? trainLoss);
    const score = valLoss ?? trainLoss;
    if (score < best) {
      best = score;
      hist.bestEpoch = epoch;
      bestVals?.forEach((t) => t.dispose());
      bestVals = vars.map((v) => v.clone());
    }
    const elapsed = performance.now() - start;
    onEpoch?.(epoch, trainLoss, valLoss, elapsed);
    if (cfg.lrDecay !== undefined) (opt as unknown as { learningRate: number }).learningRate *= cfg.lrDecay;
    if (epoch - hist.bestEpoch >= (cfg.patience ?? Infinity)) break;
    if (cfg.maxMs !== undefined && elapsed > cfg.maxMs) break;
  }
  if (bestVals !== undefined) vars.forEach((v, i) => { v.assign(bestVals![i]!); bestVals![i]!.dispose(); });
  opt.dispose();
  return hist;
}
