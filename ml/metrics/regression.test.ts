import { describe, expect, it } from 'vitest';
import { mae, phm08Score, rmse } from './regression.ts';

describe('regression metrics', () => {
  it('RMSE is the root of the mean squared error', () => {
    // errors 1, −2, 2 → squares 1, 4, 4 → mean 3 → √3
    expect(rmse([11, 18, 32], [10, 20, 30])).toBeCloseTo(Math.sqrt(3), 12);
    expect(rmse([5, 5], [5, 5])).toBe(0);
  });

  it('MAE is the mean absolute error', () => {
    expect(mae([11, 18, 32], [10, 20, 30])).toBeCloseTo(5 / 3, 12);
  });

  it('PHM08 score penalises late predictions (d ≥ 0) with e^(d/10) − 1 and early ones with e^(−d/13) − 1', () => {
    // d = +10 → e − 1 = 1.718281828…; d = −13 → e − 1 as well; d = 0 → 0.
    expect(phm08Score([110], [100])).toBeCloseTo(Math.E - 1, 12);
    expect(phm08Score([87], [100])).toBeCloseTo(Math.E - 1, 12);
    expect(phm08Score([100], [100])).toBe(0);
    // The sum over engines: d = 20 → e² − 1 = 6.389056…, d = −26 → e² − 1 too.
    expect(phm08Score([120, 74, 50], [100, 100, 50])).toBeCloseTo(2 * (Math.E ** 2 - 1), 10);
  });

  it('a late prediction costs more than an equally early one', () => {
    expect(phm08Score([115], [100])).toBeGreaterThan(phm08Score([85], [100]));
  });

  it('rejects mismatched or empty inputs', () => {
    expect(() => rmse([1, 2], [1])).toThrow(/2 predictions for 1 true values/);
    expect(() => phm08Score([], [])).toThrow(/no values/);
  });
});
