/**
 * Task metrics of a model's predictions, as printed and saved in metrics.json: RMSE, MAE and the
 * PHM08 score for RUL; accuracy, precision, recall, F1, ROC-AUC and calibration error for
 * classifiers (macro-averaged over the defect targets); the same for anomaly flags; RMSE for forecasts.
 */
import { binaryMetrics } from '../ml/metrics/classification.ts';
import { expectedCalibrationError } from '../ml/metrics/calibration.ts';
import { mae, phm08Score, rmse } from '../ml/metrics/regression.ts';
import type { TaskName, WindowSet } from '../ml/window-set.ts';

/** Column `j` of a row-major matrix with `width` columns. */
export function column(m: Float32Array, width: number, j: number): Float32Array {
  const out = new Float32Array(m.length / width);
  for (let i = 0; i < out.length; i++) out[i] = m[i * width + j]!;
  return out;
}

/** The threshold in a grid over [0.05, 0.95] with the best F1 on these labels (ties: the lower one). */
export function bestF1Threshold(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const f1 = binaryMetrics(labels, probs, t).f1;
    if (f1 > bestF1 + 1e-12) { bestF1 = f1; best = Math.round(t * 100) / 100; }
  }
  return best;
}

/** Decision thresholds per target, chosen on validation predictions (classification tasks only). */
export function chooseThresholds(task: TaskName, pred: Float32Array, ws: WindowSet): number[] | undefined {
  if (task !== 'failure' && task !== 'defects') return undefined;
  if (ws.n === 0) return Array.from({ length: ws.targets }, () => 0.5);
  return Array.from({ length: ws.targets }, (_, j) => bestF1Threshold(column(ws.y, ws.targets, j), column(pred, ws.targets, j)));
}

/** The metrics of `pred` (n × outputs) against `ws`'s targets. */
export function taskMetrics(task: TaskName, pred: Float32Array, ws: WindowSet, thresholds?: readonly number[]): Record<string, number> {
  if (ws.n === 0) return { n: 0 };
  if (task === 'rul' || task === 'forecast') {
    const truth = ws.y;
    const p = pred.subarray(0, truth.length);
    const m: Record<string, number> = { rmse: rmse(p, truth), mae: mae(p, truth), n: ws.n };
    if (task === 'rul') m['score'] = phm08Score(column(pred, ws.targets, 0), column(truth, ws.targets, 0));
    return m;
  }
  if (task === 'anomaly') {
    // Outputs are [score = error / threshold, flag]: a score ≥ 1 is an anomaly.
    const b = binaryMetrics(column(ws.y, ws.targets, 0), column(pred, 2, 0), 1);
    return { accuracy: b.accuracy, precision: b.precision, recall: b.recall, f1: b.f1, roc_auc: b.roc_auc, n: ws.n };
  }
  const per = Array.from({ length: ws.targets }, (_, j) => {
    const y = column(ws.y, ws.targets, j);
    const p = column(pred, ws.targets, j);
    return { ...binaryMetrics(y, p, thresholds?.[j] ?? 0.5), ece: expectedCalibrationError(y, p) };
  });
  const mean = (k: 'accuracy' | 'precision' | 'recall' | 'f1' | 'roc_auc' | 'ece') => {
    const xs = per.map((x) => x[k]).filter(Number.isFinite); // ROC-AUC is NaN for a target with one class only
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  };
  return { accuracy: mean('accuracy'), precision: mean('precision'), recall: mean('recall'), f1: mean('f1'), roc_auc: mean('roc_auc'), ece: mean('ece'), n: ws.n };
}

/** The metrics as one JSON line (NaN → null, 4 significant decimals). */
export function metricsJson(m: Readonly<Record<string, number>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, x]) => [k, Number.isFinite(x) ? Number(x.toFixed(4)) : null])));
}

/** "rmse 12.3 · score 456" for humans. */
export function metricsLine(m: Readonly<Record<string, number>>): string {
  return Object.entries(m).map(([k, x]) => `${k} ${Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : x.toFixed(4)) : 'n/a'}`).join(' · ');
}
