/**
 * Binary classification metrics on scores (probabilities) and 0/1 labels. A score at or above the
 * threshold counts as a positive prediction. Ratios with a zero denominator are reported as 0 (no
 * positive predictions → precision 0), the scikit-learn `zero_division=0` convention.
 */
import { checkPair } from './regression.ts';

/** Counts of true/false positives/negatives. */
export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

/** Confusion counts of `scores ≥ threshold` against labels (any non-zero label is positive). */
export function confusion(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): Confusion {
  checkPair(scores, labels, 'confusion');
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const pos = labels[i]! !== 0;
    const predPos = scores[i]! >= threshold;
    if (pos && predPos) tp++;
    else if (!pos && predPos) fp++;
    else if (!pos) tn++;
    else fn++;
  }
  return { tp, fp, tn, fn };
}

/** Accuracy, precision, recall, F1 and ROC-AUC of one binary task. */
export interface BinaryMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly roc_auc: number;
  readonly threshold: number;
  readonly confusion: Confusion;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/** Accuracy, precision, recall and F1 at `threshold`, plus the threshold-free ROC-AUC. */
export function binaryMetrics(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): BinaryMetrics {
  const c = confusion(labels, scores, threshold);
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    accuracy: ratio(c.tp + c.tn, labels.length),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    roc_auc: rocAuc(labels, scores),
    threshold,
    confusion: c,
  };
}

/**
 * Area under the ROC curve via the Mann-Whitney U statistic: AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋),
 * where R₊ is the sum of the positives' ranks among all scores, tied scores sharing their average
 * rank (so a tie between a positive and a negative counts ½). NaN when one class is absent.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  checkPair(scores, labels, 'rocAuc');
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!] !== 0) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
