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
