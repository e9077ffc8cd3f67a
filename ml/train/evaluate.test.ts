import { describe, expect, it } from 'vitest';
import { choosePooledThreshold } from './evaluate.ts';

describe('choosePooledThreshold', () => {
  it('takes the lowest cut-off whose precision still reaches the goal: the most recall it allows', () => {
    // Cumulative precision from the top: 1, 1, 2/3, 3/4, 4/5, 4/6, 5/7, 5/8.
    const labels = [1, 1, 0, 1, 1, 0, 1, 0];
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    expect(choosePooledThreshold(labels, scores, 0.8)).toBe(0.5);
    expect(choosePooledThreshold(labels, scores, 0.7)).toBe(0.3);
    expect(choosePooledThreshold(labels, scores, 1)).toBe(0.8);
  });

  it('treats equal scores as one step: it cannot flag only some of them', () => {
    // At 0.5 the tie flags both its rows, one positive: precision 4/5 < 0.9, so the cut-off stays at
    // 0.7; flagging the tie's positive row alone would have kept precision at 1.
    const labels = [1, 1, 1, 1, 0];
    const scores = [0.9, 0.8, 0.7, 0.5, 0.5];
    expect(choosePooledThreshold(labels, scores, 0.9)).toBe(0.7);
  });

  it('falls back to the best F1 when no cut-off reaches the precision, and names a length mismatch', () => {
    const labels = [0, 1, 0, 1];
    const scores = [0.9, 0.8, 0.7, 0.6];
    // Precision from the top: 0, 1/2, 1/3, 1/2; F1 is best (2/3) when all four are flagged.
    expect(choosePooledThreshold(labels, scores, 0.8)).toBe(0.6);
    expect(() => choosePooledThreshold([1], [0.5, 0.4])).toThrow('1 labels for 2 scores');
  });
});
