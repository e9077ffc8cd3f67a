/** Spread of a quantity across seeds. */
export interface Spread {
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for one seed. */
  readonly std: number;
  /** 10th and 90th percentiles, linear interpolation between order statistics. */
  readonly p10: number;
  readonly p90: number;
}

/** Linear-interpolated quantile of sorted values (the "type 7" rule of R and NumPy). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? NaN : s / xs.length;
}

export function std(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** @example spread([1, 2, 3]) → { mean: 2, std: 1, p10: 1.2, p90: 2.8 } */
export function spread(xs: readonly number[]): Spread {
  const sorted = [...xs].sort((a, b) => a - b);
  return { mean: mean(xs), std: std(xs), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
}

/** Student's t, 97.5th percentile, by degrees of freedom 1..30 (then the normal 1.96). */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** A mean with its 95 % confidence interval over independent runs (Student's t; one run: the interval is the point). */
export interface MeanInterval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
}

/** @example meanCi95([1, 2, 3]) → { mean: 2, lo: -0.484, hi: 4.484, n: 3 } */
export function meanCi95(xs: readonly number[]): MeanInterval {
  const m = mean(xs);
  const half = xs.length < 2 ? 0 : (T975[xs.length - 2] ?? 1.96) * (std(xs) / Math.sqrt(xs.length));
  return { mean: m, lo: m - half, hi: m + half, n: xs.length };
}
