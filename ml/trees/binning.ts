/**
 * Quantile binning of a feature matrix for histogram gradient boosting (Ke et al., "LightGBM",
 * NeurIPS 2017; Chen & Guestrin, "XGBoost", KDD 2016, §3.3 approximate split finding): each feature's
 * values become at most `maxBins` ordered bins, so a split search is one pass over a histogram instead
 * of a sort. Bin 0 holds missing values (NaN); value bins are 1..k with `v ≤ edges[b − 1]` for bin b.
 */

/** Bin edges of every feature: bin b (1-based) holds values in (edges[b − 2], edges[b − 1]]. */
export interface BinEdges {
  /** Per feature, ascending upper edges of all value bins but the last (the last is unbounded). */
  readonly edges: readonly Float64Array[];
}

/** The most value bins a feature may have: bin indices, the missing bin 0 included, fit in a Uint8Array. */
export const MAX_BINS = 255;

/**
 * Fits edges on the rows of `x` (n × f, row-major): a feature with at most `maxBins` distinct values
 * gets one bin per value (one-hot and integer columns split exactly); else the edges are quantiles of
 * its distinct values, weighted by how often each occurs, so every bin holds about n / maxBins rows.
 */
export function fitBins(x: Float32Array, n: number, f: number, maxBins = MAX_BINS): BinEdges {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) throw new Error(`fitBins: maxBins ${maxBins} is not an integer in [2, ${MAX_BINS}]`);
  const edges: Float64Array[] = [];
  const col = new Float64Array(n);
  for (let j = 0; j < f; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i * f + j]!;
      if (!Number.isNaN(v)) col[m++] = v;
    }
    const sorted = col.subarray(0, m).sort();
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < m; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]! += 1;
      else { distinct.push(sorted[i]!); counts.push(1); }
    }
    if (distinct.length <= maxBins) {
      edges.push(Float64Array.from(distinct.slice(0, -1)));
      continue;
    }
    // Walk the distinct values, closing a bin once it holds its share of the rows left.
    const out: number[] = [];
    let left = m;
    let inBin = 0;
    for (let k = 0; k < distinct.length - 1 && out.length < maxBins - 1; k++) {
      inBin += counts[k]!;
      if (inBin >= left / (maxBins - out.length)) {
        out.push(distinct[k]!);
        left -= inBin;
        inBin = 0;
      }
    }
    edges.push(Float64Array.from(out));
  }
  return { edges };
}

/** The bin of value `v` under a feature's edges: 0 for NaN, else 1 + the number of edges below `v`. */
export function binOf(edges: Float64Array, v: number): number {
  if (Number.isNaN(v)) return 0;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Bins every value of `x`, column-major (`out[j * n + i]`), so a histogram pass reads one feature contiguously. */
export function binMatrix(bins: BinEdges, x: Float32Array, n: number, f: number): Uint8Array {
  const out = new Uint8Array(n * f);
  for (let j = 0; j < f; j++) {
    const e = bins.edges[j]!;
    for (let i = 0; i < n; i++) out[j * n + i] = binOf(e, x[i * f + j]!);
  }
  return out;
}
