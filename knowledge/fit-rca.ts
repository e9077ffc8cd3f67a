/**
 * Fitting the root-cause model's free parts on training cases (pure; the benchmark feeds it):
 * - the conditional-logit weights by maximum likelihood with a small L2 penalty (Newton's method:
 *   the likelihood is concave in the weights, so it converges to the one optimum in a few steps);
 * - the machine diagnosis's softmax temperature by likelihood on a log grid;
 * - the slope of each propagation edge by least squares on normal-operation bins.
 * Maximum likelihood is what makes `confidence` a probability on cases like the training ones.
 */

export interface LogitCase {
  /** One feature row per candidate. */
  readonly features: readonly (readonly number[])[];
  /** Index of the true root cause among the candidates. */
  readonly truth: number;
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const d = m[c]![c]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/** Mean negative log-likelihood of the cases under weights `w`. */
export function logitNll(cases: readonly LogitCase[], w: readonly number[]): number {
  let nll = 0;
  for (const c of cases) {
    const u = c.features.map((f) => f.reduce((s, x, i) => s + x * w[i]!, 0));
    const max = Math.max(...u);
    const lse = max + Math.log(u.reduce((s, x) => s + Math.exp(x - max), 0));
    nll += lse - u[c.truth]!;
  }
  return nll / Math.max(1, cases.length);
}

export function fitConditionalLogit(cases: readonly LogitCase[], dims: number, l2 = 0.01, iterations = 50): number[] {
  let w = new Array<number>(dims).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(dims).fill(0);
    const hess = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    for (const c of cases) {
      const u = c.features.map((f) => f.reduce((s, x, i) => s + x * w[i]!, 0));
      const max = Math.max(...u);
      const e = u.map((x) => Math.exp(x - max));
      const z = e.reduce((a, b) => a + b, 0);
      const p = e.map((x) => x / z);
      const mean = new Array<number>(dims).fill(0);
      c.features.forEach((f, j) => f.forEach((x, i) => (mean[i]! += p[j]! * x)));
      const t = c.features[c.truth]!;
      for (let i = 0; i < dims; i++) grad[i]! += t[i]! - mean[i]!;
      c.features.forEach((f, j) => {
        for (let i = 0; i < dims; i++) for (let k = 0; k < dims; k++) hess[i]![k]! += p[j]! * (f[i]! - mean[i]!) * (f[k]! - mean[k]!);
      });
    }
    for (let i = 0; i < dims; i++) {
      grad[i]! -= l2 * cases.length * w[i]!;
      hess[i]![i]! += l2 * cases.length;
    }
    const step = solve(hess, grad);
    // Halve the Newton step until the likelihood improves (it always does for a small enough step).
    const before = logitNll(cases, w);
    let scale = 1;
    let next = w;
    for (let k = 0; k < 20; k++, scale /= 2) {
      next = w.map((x, i) => x + scale * step[i]!);
      if (logitNll(cases, next) <= before + 1e-12) break;
    }
    const moved = Math.max(...next.map((x, i) => Math.abs(x - w[i]!)));
    w = next;
    if (moved < 1e-7) break;
  }
  return w;
}

export interface TemperatureCase {
  readonly similarities: readonly number[];
  readonly truth: number;
}

/** The softmax temperature with the best likelihood, on a log grid from 0.005 to 5. */
export function fitTemperature(cases: readonly TemperatureCase[]): number {
  let best = 1;
  let bestNll = Infinity;
  for (let k = 0; k <= 60; k++) {
    const t = 0.005 * Math.pow(1000, k / 60);
    let nll = 0;
    for (const c of cases) {
      const max = Math.max(...c.similarities);
      const lse = max / t + Math.log(c.similarities.reduce((s, x) => s + Math.exp((x - max) / t), 0));
      nll += lse - c.similarities[c.truth]! / t;
    }
    if (nll < bestNll) (bestNll = nll), (best = t);
  }
  return Number(best.toPrecision(4));
}

/** Least-squares coefficients of y on the columns of x (with an intercept, not returned); rows with a NaN are skipped. */
export function leastSquares(y: readonly number[], x: readonly (readonly number[])[]): number[] {
  const k = x.length + 1;
  const a = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const b = new Array<number>(k).fill(0);
  for (let r = 0; r < y.length; r++) {
    const row = [1, ...x.map((c) => c[r]!)];
    if (!Number.isFinite(y[r]!) || row.some((v) => !Number.isFinite(v))) continue;
    for (let i = 0; i < k; i++) {
      b[i]! += row[i]! * y[r]!;
      for (let j = 0; j < k; j++) a[i]![j]! += row[i]! * row[j]!;
    }
  }
  return solve(a, b).slice(1);
}
