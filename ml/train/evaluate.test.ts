import { describe, expect, it } from 'vitest';
import { chooseColumnThresholds, chooseThreshold, decide } from './evaluate.ts';

describe('chooseThreshold', () => {
  it('takes the highest threshold that reaches the recall at the precision', () => {
    const labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05];
    expect(chooseThreshold(labels, scores)).toBe(0.6);
  });

  it('falls back to the best F1 when no threshold meets both', () => {
    const labels = [1, 0, 1, 0, 1, 0];
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    // Best F1 is 0.75 at 0.5 (recall 1, precision 3/5); no cut-off reaches precision 0.8 at recall 0.9.
    expect(chooseThreshold(labels, scores)).toBe(0.5);
  });
});

describe('chooseColumnThresholds', () => {
  it('chooses each column on its own labels: a rare target may need a lower cut-off than a common one', () => {
    // Column 0 separates at 0.6, column 1 (same ranking, lower probabilities) at 0.2.
    const rows = [[0.9, 0.4, 1, 1], [0.7, 0.3, 1, 1], [0.6, 0.2, 1, 1], [0.3, 0.1, 0, 0], [0.1, 0.05, 0, 0]];
    const scores = Float32Array.from(rows.flatMap((r) => [r[0]!, r[1]!]));
    const labels = Float32Array.from(rows.flatMap((r) => [r[2]!, r[3]!]));
    const t = chooseColumnThresholds(labels, scores, 2);
    expect(t[0]).toBeCloseTo(0.6, 6);
    expect(t[1]).toBeCloseTo(0.2, 6);
    expect(Array.from(decide(scores, 2, t))).toEqual(Array.from(labels));
  });

  it('refuses thresholds that do not match the columns', () => {
    expect(() => decide(new Float32Array(4), 2, [0.5])).toThrow(/1 thresholds for 2 columns/);
  });
});
