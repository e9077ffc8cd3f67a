import { describe, expect, it } from 'vitest';
import { binaryMetrics, confusion, rocAuc } from './classification.ts';

describe('classification metrics', () => {
  // labels:  1    1    1    0    0    0    0    1
  // scores: .9   .8   .3   .6   .2   .1   .5   .7   → at 0.5: TP 3 (.9 .8 .7), FN 1 (.3), FP 2 (.6 .5), TN 2
  const labels = [1, 1, 1, 0, 0, 0, 0, 1];
  const scores = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.5, 0.7];

  it('counts a score equal to the threshold as positive', () => {
    expect(confusion(labels, scores, 0.5)).toEqual({ tp: 3, fp: 2, tn: 2, fn: 1 });
    expect(confusion(labels, scores, 0.51)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
  });

  it('computes accuracy, precision, recall and F1 from the confusion counts', () => {
    const m = binaryMetrics(labels, scores, 0.5);
    expect(m.accuracy).toBeCloseTo(5 / 8, 12);
    expect(m.precision).toBeCloseTo(3 / 5, 12);
    expect(m.recall).toBeCloseTo(3 / 4, 12);
    expect(m.f1).toBeCloseTo((2 * 0.6 * 0.75) / (0.6 + 0.75), 12); // = 2/3
  });

  it('reports 0, not NaN, for precision and F1 when nothing is predicted positive', () => {
    const m = binaryMetrics([1, 0, 1], [0.1, 0.2, 0.3], 0.9);
    expect(m.precision).toBe(0);
    expect(m.recall).toBe(0);
    expect(m.f1).toBe(0);
  });

  it('ROC-AUC is the fraction of (positive, negative) pairs ranked correctly', () => {
    // positives .9 .8 .3 .7, negatives .6 .2 .1 .5: pairs won = 4+4+2+4 = 14 of 16
    expect(rocAuc(labels, scores)).toBeCloseTo(14 / 16, 12);
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
  });

  it('ROC-AUC counts a tie between a positive and a negative as one half', () => {
    // pos {.5, .9}, neg {.5, .1}: (.5 vs .5) ½, (.5 vs .1) 1, (.9 vs .5) 1, (.9 vs .1) 1 → 3.5/4
    expect(rocAuc([1, 1, 0, 0], [0.5, 0.9, 0.5, 0.1])).toBeCloseTo(3.5 / 4, 12);
    expect(rocAuc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBeCloseTo(0.5, 12);
  });

  it('ROC-AUC is NaN when one class is missing', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
});
