/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio, Kégl 2011, "Algorithms for
 * Hyper-Parameter Optimization"), following hyperopt's `tpe.py`: past trials are split into the best
 * `gamma` share (l) and the rest (g); each dimension gets a Parzen density per share, and the
 * suggestion is the candidate drawn from l with the highest l(x)/g(x), which maximises expected
 * improvement. Dimensions are independent, as in hyperopt. Pure: randomness comes from `uniform`.
 *
 * Departures from hyperopt, chosen for a small search: the split takes ceil(gamma·n) as in the paper
 * (hyperopt uses ceil(gamma·√n)); no linear forgetting of old trials (hyperopt's starts beyond 25);
 * each mixture component is truncated to the bounds on its own, which is also how candidates are drawn.
 */

export type Dimension =
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  /** `low` and `high` bound ln(x), like hpjs.loguniform. */
  | { readonly kind: 'loguniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'choice'; readonly options: readonly number[] };
export type SearchSpace = Readonly<Record<string, Dimension>>;
export interface Observation {
  readonly args: Readonly<Record<string, number>>;
  readonly loss: number;
}
export interface TpeOptions {
  /** Random draws before the densities are trusted (default 5). */
  startup?: number;
  /** Share of finished trials that count as good (default 0.25). */
  gamma?: number;
  /** Candidates drawn from l per dimension (default 24). */
  candidates?: number;
  /** Weight of the prior in each density (default 1). */
  priorWeight?: number;
}

/** hyperopt's defaults (`tpe.suggest`: n_startup_jobs is 20 there; 5 suits a budget of tens of trials). */
export const TPE_DEFAULTS: Required<TpeOptions> = { startup: 5, gamma: 0.25, candidates: 24, priorWeight: 1 };

/** A uniform draw from the space, e.g. `sampleRandom({ d: { kind: 'uniform', low: 0, high: 1 } }, rng.uniform)`. */
export function sampleRandom(space: SearchSpace, uniform: () => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, dim] of Object.entries(space)) {
    if (dim.kind === 'choice') out[name] = dim.options[Math.min(dim.options.length - 1, Math.floor(uniform() * dim.options.length))]!;
    else {
      const x = dim.low + uniform() * (dim.high - dim.low);
      out[name] = dim.kind === 'loguniform' ? Math.exp(x) : x;
    }
  }
  return out;
}

/**
 * The next point to evaluate given the finished trials (lower loss is better); a random draw until
 * `startup` trials have a finite loss. Same space, history and `uniform` sequence, same suggestion.
 */
export function suggestTpe(space: SearchSpace, history: readonly Observation[], uniform: () => number, opts: TpeOptions = {}): Record<string, number> {
  const o = { ...TPE_DEFAULTS, ...opts };
  const finite = history.filter((h) => Number.isFinite(h.loss));
  if (finite.length < Math.max(1, o.startup)) return sampleRandom(space, uniform);
  // A stable sort keeps equal losses in trial order, so ties split the same way every time.
  const sorted = [...finite].sort((a, b) => a.loss - b.loss);
  const nGood = Math.min(sorted.length, Math.max(1, Math.ceil(o.gamma * sorted.length)));
  const good = sorted.slice(0, nGood);
  const bad = sorted.slice(nGood);
  const out: Record<string, number> = {};
  for (const [name, dim] of Object.entries(space)) {
    if (dim.kind === 'choice') {
      const index = (set: readonly Observation[]) => set.map((h) => dim.options.indexOf(h.args[name]!)).filter((i) => i >= 0);
      out[name] = dim.options[suggestChoice(dim.options.length, index(good), index(bad), uniform, o)]!;
    } else {
      const toX = dim.kind === 'loguniform' ? Math.log : (v: number) => v;
      const values = (set: readonly Observation[]) => set.map((h) => toX(h.args[name]!)).filter(Number.isFinite);
      const x = suggestNumeric(dim.low, dim.high, values(good), values(bad), uniform, o);
      out[name] = dim.kind === 'loguniform' ? Math.exp(x) : x;
    }
  }
  return out;
}

function suggestChoice(k: number, good: number[], bad: number[], uniform: () => number, o: Required<TpeOptions>): number {
  const probs = (set: number[]) => {
    const counts = new Array<number>(k).fill(o.priorWeight);
    for (const i of set) counts[i]! += 1;
    const total = counts.reduce((s, c) => s + c, 0);
    return counts.map((c) => c / total);
  };
  const l = probs(good);
  const g = probs(bad);
  let best = -1;
  let bestScore = -Infinity;
  for (let c = 0; c < o.candidates; c++) {
    const i = pickIndex(l, uniform);
    const score = Math.log(l[i]!) - Math.log(g[i]!);
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

function suggestNumeric(low: number, high: number, good: number[], bad: number[], uniform: () => number, o: Required<TpeOptions>): number {
  const l = parzen(good, low, high, o.priorWeight);
  const g = parzen(bad, low, high, o.priorWeight);
  let best = low;
  let bestScore = -Infinity;
  for (let c = 0; c < o.candidates; c++) {
    const x = sampleMixture(l, low, high, uniform);
    const score = logDensity(l, x) - logDensity(g, x);
    if (score > bestScore) [best, bestScore] = [x, score];
  }
  return best;
}

/** A Gaussian mixture truncated to [low, high]; `mass[i]` is the share of component i inside. */
interface Mixture {
  readonly weights: number[];
  readonly mus: number[];
  readonly sigmas: number[];
  readonly mass: number[];
}

/**
 * hyperopt's `adaptive_parzen_normal`: one Gaussian per observation plus a prior at the middle with
 * σ = range; each σ is the larger gap to its sorted neighbours (the prior's mean among them),
 * clipped to [range / min(100, 1 + components), range], so crowded points sharpen the density.
 */
function parzen(obs: readonly number[], low: number, high: number, priorWeight: number): Mixture {
  const range = high - low;
  const priorMu = (low + high) / 2;
  const points = [...obs.map((mu) => ({ mu, w: 1, prior: false })), { mu: priorMu, w: priorWeight, prior: true }].sort((a, b) => a.mu - b.mu);
  const n = points.length;
  const minSigma = range / Math.min(100, 1 + n);
  const sigmas = points.map((p, i) => {
    if (p.prior) return range;
    // hyperopt's special case: a lone observation gets half the range before clipping.
    if (n === 2) return clip(range / 2, minSigma, range);
    const left = i > 0 ? p.mu - points[i - 1]!.mu : 0;
    const right = i < n - 1 ? points[i + 1]!.mu - p.mu : 0;
    return clip(Math.max(left, right), minSigma, range);
  });
  const total = points.reduce((s, p) => s + p.w, 0);
  const mus = points.map((p) => p.mu);
  return {
    weights: points.map((p) => p.w / total),
    mus,
    sigmas,
    mass: mus.map((mu, i) => normalCdf((high - mu) / sigmas[i]!) - normalCdf((low - mu) / sigmas[i]!)),
  };
}

/** ln of the truncated mixture's density at x, by log-sum-exp so narrow far components cannot underflow it to −∞. */
function logDensity(m: Mixture, x: number): number {
  const terms = m.mus.map((mu, i) => {
    const s = m.sigmas[i]!;
    const z = (x - mu) / s;
    return Math.log(m.weights[i]! / m.mass[i]!) - 0.5 * z * z - Math.log(s * Math.sqrt(2 * Math.PI));
  });
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}

/** Draws from the truncated mixture: a component by weight, then a normal redrawn until inside. */
function sampleMixture(m: Mixture, low: number, high: number, uniform: () => number): number {
  const i = pickIndex(m.weights, uniform);
  let x = m.mus[i]!;
  // Every component keeps at least a third of its mass inside (mean inside, σ ≤ range), so 16
  // tries miss with odds below 1e-3; clipping then only bounds the loop.
  for (let t = 0; t < 16; t++) {
    x = m.mus[i]! + m.sigmas[i]! * standardNormal(uniform);
    if (x >= low && x <= high) return x;
  }
  return clip(x, low, high);
}

function pickIndex(probs: readonly number[], uniform: () => number): number {
  let u = uniform();
  for (let i = 0; i < probs.length; i++) {
    u -= probs[i]!;
    if (u < 0) return i;
  }
  return probs.length - 1; // rounding left a sliver past the last weight
}

/** Box–Muller; 1 − u keeps the logarithm's argument in (0, 1]. */
function standardNormal(uniform: () => number): number {
  const u1 = 1 - uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Φ(z) through erf from Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return 0.5 * (1 + (z >= 0 ? erf : -erf));
}

function clip(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
