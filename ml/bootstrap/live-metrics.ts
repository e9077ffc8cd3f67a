/**
 * Held-out metrics of a live model, named as `twin train` names them (cli/ml-scores.ts) so the
 * registry reads the same whoever trained: rmse/mae for RUL; roc_auc, f1, precision, recall, accuracy
 * for failure and defects (macro over targets); the same for anomaly flags (score ≥ 1). The primary
 * metric of each task (ml/drift/retrain-policy.ts primaryMetric) never needs a threshold chosen here.
 */
import { binaryMetrics, mae, rmse } from '../metrics/index.ts';
import type { WindowSet } from '../window-set.ts';
import type { LiveTask } from '../live/live-types.ts';

/** Column `j` of a row-major matrix with `width` columns. */
export function column(m: Float32Array, width: number, j: number): Float32Array {
  const out = new Float32Array(m.length / width);
  for (let i = 0; i < out.length; i++) out[i] = m[i * width + j]!;
  return out;
}

/** Metrics of `pred` (the model's answers, n × outputs) against `ws`'s targets; NaN where undefined (one class only). */
export function liveMetrics(task: LiveTask, pred: Float32Array, ws: WindowSet): Record<string, number> {
  if (ws.n === 0) return { n: 0 };
  if (task === 'rul') {
    const p = column(pred, ws.targets, 0);
    const y = column(ws.y, ws.targets, 0);
    return { rmse: rmse(p, y), mae: mae(p, y), n: ws.n };
  }
  // Anomaly answers are [score, flag]: label column 0 against score, flagged at 1.
  const width = task === 'anomaly' ? 2 : ws.targets;
  const targets = task === 'anomaly' ? 1 : ws.targets;
  const per = Array.from({ length: targets }, (_, j) => {
    const y = column(ws.y, ws.targets, j);
    const b = binaryMetrics(y, column(pred, width, j), task === 'anomaly' ? 1 : 0.5);
    // Without a positive, precision/recall/F1 say nothing (binaryMetrics gives 0): leave them undefined.
    return y.some((v) => v > 0) ? b : { ...b, precision: Number.NaN, recall: Number.NaN, f1: Number.NaN };
  });
  const mean = (k: 'accuracy' | 'precision' | 'recall' | 'f1' | 'roc_auc') => {
    const xs = per.map((b) => b[k]).filter(Number.isFinite);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  };
  return { roc_auc: mean('roc_auc'), f1: mean('f1'), precision: mean('precision'), recall: mean('recall'), accuracy: mean('accuracy'), n: ws.n };
}

/** Only the finite metrics: what the registry stores (JSON has no NaN). */
export function finiteMetrics(m: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).filter(([, v]) => Number.isFinite(v)));
}
