/**
 * Choosing between the network and the tree ensemble of a classification task on validation data
 * only. The criterion is the validation PR-AUC (average precision), mean over targets: with a few
 * percent positives it weighs how well the rare class is ranked, it needs no threshold, and so the
 * validation rows that choose the model are not also spent choosing a cut-off for it. The F1 at the
 * validation-best cut-off is reported beside it (optimistic: chosen and scored on the same rows).
 */
import type { WindowSet } from '../window-set.ts';

/** The model kinds a classification task can be trained with. */
export type ModelKind = 'net' | 'trees';

/** One candidate's validation figures. */
export interface CandidateScore {
  readonly prAuc: number;
  /** Best F1 over the cut-offs of the validation scores, and that cut-off. */
  readonly f1: number;
  readonly threshold: number;
}

/** Which kind won, on what, with both candidates' validation figures. */
export interface ModelChoice {
  readonly winner: ModelKind;
  readonly criterion: 'validation_pr_auc';
  readonly validation: Readonly<Record<ModelKind, CandidateScore>>;
}

function ranked(labels: ArrayLike<number>, scores: ArrayLike<number>, what: string): { order: number[]; positives: number } {
  if (labels.length !== scores.length) throw new Error(`${what}: ${labels.length} labels for ${scores.length} scores`);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]! >= 0.5 ? 1 : 0;
  return { order, positives };
}

/**
 * Average precision, Σ (Rₖ − Rₖ₋₁)·Pₖ over the distinct cut-offs from the top (scikit-learn's
 * `average_precision_score`); tied scores form one step. NaN without positives.
 */
export function averagePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { order, positives } = ranked(labels, scores, 'averagePrecision');
  if (positives === 0) return Number.NaN;
  let tp = 0;
  let ap = 0;
  let lastRecall = 0;
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]!]! >= 0.5 ? 1 : 0;
    if (k + 1 < order.length && scores[order[k + 1]!] === scores[order[k]!]) continue;
    const recall = tp / positives;
    ap += (recall - lastRecall) * (tp / (k + 1));
    lastRecall = recall;
  }
  return ap;
}

/** The cut-off among the scores with the best F1 (flag score ≥ cut-off); ties keep the higher cut-off. */
export function bestF1Cut(labels: ArrayLike<number>, scores: ArrayLike<number>): { threshold: number; f1: number } {
  const { order, positives } = ranked(labels, scores, 'bestF1Cut');
  let tp = 0;
  let best = { threshold: 0.5, f1: 0 };
  for (let k = 0; k < order.length; k++) {
    tp += labels[order[k]!]! >= 0.5 ? 1 : 0;
    if (k + 1 < order.length && scores[order[k + 1]!] === scores[order[k]!]) continue;
    const f1 = positives === 0 ? 0 : (2 * tp) / (k + 1 + positives);
    if (f1 > best.f1) best = { threshold: scores[order[k]!]!, f1 };
  }
  return best;
}

/** Validation figures of predictions `pred` (n × targets) against `ws`, averaged over the targets. */
export function validationScore(pred: Float32Array, ws: WindowSet): CandidateScore {
  if (ws.n === 0) throw new Error('validationScore: no validation rows to choose a model on');
  if (pred.length !== ws.n * ws.targets) throw new Error(`validationScore: ${pred.length} predictions for ${ws.n} rows × ${ws.targets} targets`);
  const per = Array.from({ length: ws.targets }, (_, j) => {
    const y = Float32Array.from({ length: ws.n }, (_, i) => ws.y[i * ws.targets + j]!);
    const p = Float32Array.from({ length: ws.n }, (_, i) => pred[i * ws.targets + j]!);
    return { prAuc: averagePrecision(y, p), ...bestF1Cut(y, p) };
  });
  const mean = (k: keyof CandidateScore) => {
    const xs = per.map((s) => s[k]).filter(Number.isFinite);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
  };
  return { prAuc: mean('prAuc'), f1: mean('f1'), threshold: mean('threshold') };
}

/** The winner on validation PR-AUC; a tie (or both undefined) keeps the network, the incumbent. */
export function chooseModel(validation: Readonly<Record<ModelKind, CandidateScore>>): ModelChoice {
  const t = validation.trees.prAuc;
  const n = validation.net.prAuc;
  const winner: ModelKind = Number.isFinite(t) && (!Number.isFinite(n) || t > n) ? 'trees' : 'net';
  return { winner, criterion: 'validation_pr_auc', validation };
}
