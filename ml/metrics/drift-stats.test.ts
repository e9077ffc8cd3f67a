import { describe, expect, it } from 'vitest';
import { binProportions, kolmogorovQ, ksTwoSample, psi, quantileEdges } from './drift-stats.ts';

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('population stability index', () => {
  it('cuts bins at the reference quantiles', () => {
    expect(quantileEdges(range(1, 10), 2)).toEqual([5]);
    expect(quantileEdges(range(1, 10), 5)).toEqual([2, 4, 6, 8]);
    expect(quantileEdges([0, 0, 0, 0, 1, 1, 1, 1], 4)).toEqual([0, 1]); // duplicates dropped
    expect(Array.from(binProportions([1, 5, 6, 10, 11], [5]))).toEqual([0.4, 0.6]);
  });

  it('is zero for the same distribution', () => {
    expect(psi(range(1, 100), range(1, 100))).toBeCloseTo(0, 12);
  });

  it('matches the hand-computed Σ (c − r)·ln(c / r)', () => {
    // reference 1..10, 2 bins (≤5, >5): r = .5/.5; current 8 of 10 in the low bin: c = .8/.2
    // PSI = (.8−.5)ln(.8/.5) + (.2−.5)ln(.2/.5) = .3·0.470004 + .3·0.916291 = 0.4158883
    const current = [1, 1, 2, 2, 3, 3, 4, 4, 9, 10];
    expect(psi(range(1, 10), current, 2)).toBeCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), 12);
  });

  it('replaces an empty bin by epsilon so the index stays finite', () => {
    // all current values in the low bin: c = 1 / 1e-4 → (1−.5)ln(2) + (1e-4−.5)ln(1e-4/.5)
    const expected = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    expect(psi(range(1, 10), [1, 2, 3], 2)).toBeCloseTo(expected, 12);
  });

  it('sees a constant feature that moved', () => {
    expect(psi([5, 5, 5, 5], [6, 6, 6, 6])).toBeGreaterThan(1);
  });
});

describe('two-sample Kolmogorov-Smirnov', () => {
  it('computes D as the largest gap between the empirical CDFs', () => {
    // a = {1,2,3,4}, b = {3,4,5,6}: at x = 2, F_a = .5 and F_b = 0 → D = .5
    expect(ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]).statistic).toBeCloseTo(0.5, 12);
    expect(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic).toBe(1);
    expect(ksTwoSample([1, 2, 3], [1, 2, 3]).statistic).toBe(0);
  });

  it('handles ties across samples without inventing a gap', () => {
    expect(ksTwoSample([1, 1, 2, 2], [1, 2]).statistic).toBe(0);
  });

  it('gives the asymptotic p-value Q(λ) with the Numerical Recipes correction', () => {
    // n = m = 50 → nₑ = 25, √nₑ = 5, λ = (5 + .12 + .022)·D
    const a = range(1, 50);
    const b = range(11, 60);
    const r = ksTwoSample(a, b);
    expect(r.statistic).toBeCloseTo(0.2, 12);
    const lambda = (5 + 0.12 + 0.11 / 5) * 0.2;
    let q = 0;
    for (let j = 1; j <= 50; j++) q += 2 * (-1) ** (j - 1) * Math.exp(-2 * j * j * lambda * lambda);
    expect(r.pValue).toBeCloseTo(q, 10);
    expect(r.pValue).toBeGreaterThan(0.2); // a 10-of-50 shift is not significant
  });

  it('Q is 1 at 0, about 0.27 at λ = 1 and vanishing at λ = 3', () => {
    expect(kolmogorovQ(0)).toBe(1);
    expect(kolmogorovQ(1)).toBeCloseTo(0.2700, 4); // tabulated Kolmogorov survival function
    expect(kolmogorovQ(3)).toBeLessThan(1e-6);
  });

  it('rejects clearly different samples', () => {
    expect(ksTwoSample(range(1, 200), range(101, 300)).pValue).toBeLessThan(1e-6);
  });
});

describe('missing samples in drift statistics', () => {
  it('leaves NaN (dropped-out samples) out of PSI and KS instead of stalling or poisoning them', () => {
    const clean = Array.from({ length: 200 }, (_, i) => i % 17);
    const gappy = clean.flatMap((v, i) => (i % 10 === 0 ? [v, Number.NaN] : [v]));
    expect(psi(clean, gappy)).toBeCloseTo(0, 12);
    expect(ksTwoSample(gappy, clean)).toEqual(ksTwoSample(clean, clean));
  });

  it('refuses a sample with no finite value, naming the statistic', () => {
    expect(() => ksTwoSample([Number.NaN], [1, 2])).toThrow('ksTwoSample: no finite values in a sample');
    expect(() => psi([1, 2], [Number.NaN])).toThrow('psi: no finite values in a sample');
  });
});
