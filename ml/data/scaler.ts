/**
 * Per-feature scaling fitted on the training windows only and kept (as JSON) with the model, so
 * evaluation and prediction apply the very same transform: x' = (x − offset) / scale.
 */
import type { WindowSet } from '../window-set.ts';

/** A fitted scaler; plain data so it serializes to preprocess.json. */
export interface Scaler {
  readonly kind: 'minmax' | 'zscore';
  readonly featureNames: readonly string[];
  readonly offset: readonly number[];
  readonly scale: readonly number[];
}

/** Fits min-max (to [0, 1]) or z-score scaling per feature over every step of every window. */
export function fitScaler(train: WindowSet, kind: Scaler['kind'] = 'zscore'): Scaler {
  const f = train.features;
  const rows = train.n * train.steps;
  if (rows === 0) throw new Error('fitScaler: no training windows');
  const min = new Float64Array(f).fill(Infinity);
  const max = new Float64Array(f).fill(-Infinity);
  const sum = new Float64Array(f);
  const sumSq = new Float64Array(f);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < f; j++) {
      const v = train.x[r * f + j]!;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
      sum[j] = sum[j]! + v;
      sumSq[j] = sumSq[j]! + v * v;
    }
  }
  const offset: number[] = [];
  const scale: number[] = [];
  for (let j = 0; j < f; j++) {
    const mean = sum[j]! / rows;
    const std = Math.sqrt(Math.max(0, sumSq[j]! / rows - mean * mean));
    const span = kind === 'minmax' ? max[j]! - min[j]! : std;
    offset.push(kind === 'minmax' ? min[j]! : mean);
    scale.push(span > 1e-12 ? span : 1); // a flat feature maps to 0, not to NaN
  }
  return { kind, featureNames: [...train.featureNames], offset, scale };
}

/** The scaled copy of `ws`; its features must be the scaler's, by name and order. */
export function applyScaler(s: Scaler, ws: WindowSet): WindowSet {
  if (ws.features !== s.featureNames.length || ws.featureNames.some((n, j) => n !== s.featureNames[j])) {
    throw new Error(`applyScaler: features [${ws.featureNames.join(', ')}] differ from the fitted [${s.featureNames.join(', ')}]`);
  }
  const x = new Float32Array(ws.x.length);
  const f = ws.features;
  for (let i = 0; i < x.length; i++) {
    const j = i % f;
    x[i] = (ws.x[i]! - s.offset[j]!) / s.scale[j]!;
  }
  return { ...ws, x };
}

/** Scales all three parts with a scaler fitted on `train`. */
export function scaleSplit<S extends { train: WindowSet; validation: WindowSet; test: WindowSet }>(split: S, kind: Scaler['kind'] = 'zscore') {
  const scaler = fitScaler(split.train, kind);
  return {
    scaler,
    split: { train: applyScaler(scaler, split.train), validation: applyScaler(scaler, split.validation), test: applyScaler(scaler, split.test) },
  };
}
