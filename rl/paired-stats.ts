/**
 * Paired statistics over verification runs: Student-t intervals of a mean difference (the runs share
 * random streams within a pair, so their differences are independent across runs, not the levels).
 */

/** Two-sided 95 % (= one-sided 97.5 %) and one-sided 95 % t quantiles for 1–30 degrees of freedom. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];
const T95 = [6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753, 1.746, 1.74, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697];

export function tQuantile(df: number, oneSided95: boolean): number {
  if (df < 1) return Infinity;
  const table = oneSided95 ? T95 : T975;
  return df <= table.length ? table[df - 1]! : oneSided95 ? 1.645 : 1.96;
}

export interface PairedSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Two-sided 95 % interval of the mean. */
  readonly low: number;
  readonly high: number;
  /** One-sided 95 % bounds of the mean. */
  readonly lower95: number;
  readonly upper95: number;
}

/** @example paired([1, 2, 3]) → { n: 3, mean: 2, sd: 1, low: −0.48, high: 4.48, lower95: 0.31, upper95: 3.69 } */
export function paired(diffs: readonly number[]): PairedSummary {
  const n = diffs.length;
  const mean = diffs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(diffs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const se = n > 1 ? sd / Math.sqrt(n) : Infinity;
  const two = tQuantile(n - 1, false) * se;
  const one = tQuantile(n - 1, true) * se;
  return { n, mean, sd, low: mean - two, high: mean + two, lower95: mean - one, upper95: mean + one };
}
