/**
 * Distribution-shift statistics between a reference sample (training data) and a current sample:
 * the Population Stability Index and the two-sample Kolmogorov-Smirnov test.
 */

/** Default PSI bin count (deciles of the reference). */
export const PSI_BINS = 10;
/** Proportion used for an empty bin so that ln(c/r) stays finite (a common choice; stated so PSI is reproducible). */
export const PSI_EPSILON = 1e-4;

/** Finite values, sorted: a dropped-out sample (NaN) is no part of a distribution, and would stall the KS merge. */
const sorted = (a: ArrayLike<number>): Float64Array => Float64Array.from(a).filter(Number.isFinite).sort();

/**
 * Bin edges from reference quantiles: edge k (k = 1..bins−1) is the sorted reference value at index
 * ceil(k·n/bins) − 1, duplicates dropped (a discrete feature gets fewer, wider bins). A value v falls
 * in the first bin whose edge is ≥ v, or in the last bin (which then catches values beyond the
 * reference, e.g. a constant feature that moved).
 */
export function quantileEdges(reference: ArrayLike<number>, bins = PSI_BINS): number[] {
  const s = sorted(reference);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = s[Math.max(0, Math.ceil((k * s.length) / bins) - 1)]!;
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return edges;
}

/** Proportion of `values` in each bin defined by `edges` (edges.length + 1 bins). */
export function binProportions(values: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let lo = 0, hi = edges.length; // binary search: first edge ≥ v
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! >= v) hi = mid;
      else lo = mid + 1;
    }
    counts[lo] = counts[lo]! + 1;
  }
  return counts.map((c) => c / values.length);
}

/**
 * Population Stability Index: Σ_b (c_b − r_b)·ln(c_b / r_b) over bins from the reference quantiles
 * (see {@link quantileEdges}), empty-bin proportions replaced by {@link PSI_EPSILON}. Rule of thumb
 * (Siddiqi, "Credit Risk Scorecards", 2006): < 0.1 stable, 0.1–0.2 moderate shift, > 0.2 significant.
 */
export function psi(reference: ArrayLike<number>, current: ArrayLike<number>, bins = PSI_BINS, epsilon = PSI_EPSILON): number {
  if (reference.length === 0 || current.length === 0) throw new Error('psi: empty sample');
  const ref = sorted(reference);
  const cur = sorted(current);
  if (ref.length === 0 || cur.length === 0) throw new Error('psi: no finite values in a sample');
  const edges = quantileEdges(ref, bins);
  const r = binProportions(ref, edges);
  const c = binProportions(cur, edges);
  let sum = 0;
  for (let b = 0; b < r.length; b++) {
    const rb = Math.max(r[b]!, epsilon);
    const cb = Math.max(c[b]!, epsilon);
    sum += (cb - rb) * Math.log(cb / rb);
  }
  return sum;
}

/** Result of a two-sample Kolmogorov-Smirnov test. */
export interface KsResult {
  /** D = sup_x |F_a(x) − F_b(x)| of the two empirical CDFs. */
  readonly statistic: number;
  /** Asymptotic p-value of D under "same distribution". */
  readonly pValue: number;
}

/**
 * Two-sample KS test. The p-value is the asymptotic Kolmogorov distribution Q(λ) = 2Σ_{j≥1}
 * (−1)^{j−1} e^{−2j²λ²} with λ = (√nₑ + 0.12 + 0.11/√nₑ)·D and nₑ = n·m/(n+m) (Numerical Recipes
 * 3rd ed., §14.3.3, `kstwo`); adequate for nₑ ≳ 4.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  if (a.length === 0 || b.length === 0) throw new Error('ksTwoSample: empty sample');
  const sa = sorted(a);
  const sb = sorted(b);
  if (sa.length === 0 || sb.length === 0) throw new Error('ksTwoSample: no finite values in a sample');
  let i = 0, j = 0, d = 0;
  while (i < sa.length && j < sb.length) {
    const x = Math.min(sa[i]!, sb[j]!);
    while (i < sa.length && sa[i]! <= x) i++; // step over ties together, so equal values never count as a gap
    while (j < sb.length && sb[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / sa.length - j / sb.length));
  }
  const ne = (sa.length * sb.length) / (sa.length + sb.length);
  const sqrtNe = Math.sqrt(ne);
  return { statistic: d, pValue: kolmogorovQ((sqrtNe + 0.12 + 0.11 / sqrtNe) * d) };
}

/** Q_KS(λ) = 2 Σ_{j=1}^{∞} (−1)^{j−1} e^{−2 j² λ²}, clamped to [0, 1]; 1 for λ → 0. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = (j % 2 === 1 ? 2 : -2) * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}
