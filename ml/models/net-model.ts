/**
 * `NetModel`: a `Net` plus what turns its raw outputs into a task's answers (target scale, per-output
 * temperatures, anomaly threshold), saved together as model.json + weights.bin.
 */
import * as tf from '@tensorflow/tfjs';
import type { TaskName, WindowSet } from '../window-set.ts';
import type { TaskModel } from '../train/task-model.ts';
import { loadArtifacts, saveArtifacts } from '../tf/file-io.ts';
import { jsForward, jsForwardSupports, jsWeights, type JsWeights } from './js-forward.ts';
import { disposeWeights, forward, weightMap, weightsFrom, type NetSpec, type NetWeights } from './net.ts';

/** How raw outputs become answers. */
export type HeadKind = 'regression' | 'classification' | 'autoencoder';

/**
 * A regression target's training cap (RUL clipped at 20 h, say), in the targets' unit. An answer
 * within `margin` of `value` (the held-out MAE) says "at least `value`", not a point estimate.
 */
export interface TargetCap {
  readonly value: number;
  readonly margin: number;
}

/** Everything beside the weights that a saved model needs; kept in model.json. */
export interface NetModelMeta {
  readonly format: 'twinworks-net/1';
  readonly task: TaskName;
  readonly head: HeadKind;
  readonly outputNames: readonly string[];
  readonly featureNames: readonly string[];
  /** Regression: answer = raw · yScale[j] + yOffset[j] (targets were standardised in training). */
  readonly yOffset?: readonly number[];
  readonly yScale?: readonly number[];
  /** Classification: answer = σ(logit / temperature[j]) (Guo et al., ICML 2017). */
  temperature?: number[];
  /** Autoencoder: reconstruction error at the validation quantile; score = error / threshold. */
  threshold?: number;
  /** Regression: the cap its training targets were clipped at, and the error within which an answer cannot be told from it. */
  targetCap?: TargetCap;
  /** Free-form notes the trainer records (validation metrics, epochs). */
  notes?: Record<string, number | string>;
}

const BATCH = 4096;
/** Up to this many input numbers, `raw` runs in plain JS (see js-forward.ts); beyond, on TF.js. */
export const JS_FORWARD_MAX_INPUTS = 200_000;

/** A trained network with its head; implements `TaskModel`. */
export class NetModel implements TaskModel {
  constructor(readonly spec: NetSpec, readonly weights: NetWeights, readonly meta: NetModelMeta) {}

  get task(): TaskName { return this.meta.task; }
  get outputNames(): readonly string[] { return this.meta.outputNames; }

  private js: JsWeights | undefined;

  /** Raw network outputs (logits, scaled targets, or reconstructions) for `n` windows in `x`. */
  raw(x: Float32Array, n: number, condition?: Int32Array): Float32Array {
    const stride = this.spec.steps * this.spec.features;
    if (n * stride <= JS_FORWARD_MAX_INPUTS && jsForwardSupports(this.spec)) {
      this.js ??= jsWeights(this.weights); // weights are fixed once a model is built
      return jsForward(this.spec, this.js, x, n, condition);
    }
    return this.rawTf(x, n, condition);
  }

  /** `raw` on TF.js, whatever the batch size. */
  rawTf(x: Float32Array, n: number, condition?: Int32Array): Float32Array {
    const stride = this.spec.steps * this.spec.features;
    const width = this.spec.outputs;
    const out = new Float32Array(n * width);
    for (let i = 0; i < n; i += BATCH) {
      const j = Math.min(n, i + BATCH);
      const part = tf.tidy(() => {
        const xt = tf.tensor3d(x.subarray(i * stride, j * stride), [j - i, this.spec.steps, this.spec.features]);
        const c = this.spec.conditions > 0 ? tf.oneHot(tf.tensor1d(condition?.subarray(i, j) ?? new Int32Array(j - i), 'int32'), this.spec.conditions).toFloat() as tf.Tensor2D : undefined;
        return forward(this.spec, this.weights, xt, c).dataSync() as Float32Array;
      });
      out.set(part, i * width);
    }
    return out;
  }

  /** Answers for raw windows; see `predict`. */
  predictArrays(x: Float32Array, n: number, condition?: Int32Array): Float32Array {
    const r = this.raw(x, n, condition);
    return this.head(r, x, n);
  }

  /** Row-major `n × outputNames.length` answers. */
  predict(ws: WindowSet): Float32Array {
    return this.predictArrays(ws.x, ws.n, ws.condition);
  }

  /** Applies the head to raw outputs (in place where the widths agree). */
  head(r: Float32Array, x: Float32Array, n: number): Float32Array {
    const m = this.meta;
    const w = this.spec.outputs;
    if (m.head === 'regression') {
      for (let k = 0; k < r.length; k++) r[k] = r[k]! * (m.yScale?.[k % w] ?? 1) + (m.yOffset?.[k % w] ?? 0);
      return r;
    }
    if (m.head === 'classification') {
      for (let k = 0; k < r.length; k++) r[k] = 1 / (1 + Math.exp(-r[k]! / (m.temperature?.[k % w] ?? 1)));
      return r;
    }
    const err = reconstructionErrors(r, x, n, this.spec.steps, this.spec.features);
    const out = new Float32Array(n * 2);
    const th = m.threshold ?? 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < this.spec.features; f++) s += err[i * this.spec.features + f]!;
      out[2 * i] = s / this.spec.features / th;
      out[2 * i + 1] = out[2 * i]! > 1 ? 1 : 0;
    }
    return out;
  }

  async save(dir: string): Promise<void> {
    const { data, specs } = await tf.io.encodeWeights(weightMap(this.weights));
    await saveArtifacts(dir, {
      modelTopology: { net: this.spec } as unknown as object,
      weightSpecs: specs,
      weightData: data,
      format: this.meta.format,
      generatedBy: `TensorFlow.js v${tf.version_core}`,
      userDefinedMetadata: this.meta as unknown as Record<string, object>,
    });
  }

  dispose(): void { disposeWeights(this.weights); }

  /** Loads a model saved by `save`. */
  static async load(dir: string): Promise<NetModel> {
    const a = await loadArtifacts(dir);
    const spec = (a.modelTopology as { net?: NetSpec }).net;
    const meta = a.userDefinedMetadata as unknown as NetModelMeta | undefined;
    if (spec === undefined || meta?.format !== 'twinworks-net/1') throw new Error(`${dir}: not a twinworks-net/1 model`);
    const tensors = tf.io.decodeWeights(a.weightData!, a.weightSpecs!);
    const weights = weightsFrom(tensors);
    Object.values(tensors).forEach((t) => t.dispose());
    return new NetModel(spec, weights, meta);
  }
}

/** Per window and feature, the mean squared reconstruction error over the steps: `n × features`. */
export function reconstructionErrors(r: Float32Array, x: Float32Array, n: number, steps: number, features: number): Float32Array {
  const out = new Float32Array(n * features);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < steps; t++) {
      const o = (i * steps + t) * features;
      for (let f = 0; f < features; f++) {
        const d = r[o + f]! - x[o + f]!;
        out[i * features + f] = out[i * features + f]! + (d * d) / steps;
      }
    }
  }
  return out;
}
