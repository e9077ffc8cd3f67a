/**
 * Histogram gradient-boosted trees for a binary label with the logistic loss (Friedman, "Greedy
 * Function Approximation: A Gradient Boosting Machine", Ann. Stat. 2001; second-order steps as in
 * XGBoost, Chen & Guestrin, KDD 2016). Per round: gradients p − y and hessians p(1 − p), each scaled
 * by the row's class weight; one tree on a seeded row and column sample; early stopping on the
 * validation loss with the trees of the best round kept. Pure and deterministic for a given rng.
 *
 * @example
 * const b = trainGbdt({ n, f, x, y }, { n: nv, f, x: xv, y: yv }, {}, seededRng(1, 'gbdt'));
 * const margin = predictMargin(b, xTest, nTest); // logits; σ(margin) is the probability
 */
import type { Rng } from '../../physics/model.ts';
import { binMatrix, fitBins, MAX_BINS } from './binning.ts';
import { binnedData, growTree, treeValue, treeValueBinned, type Tree, type TreeParams } from './grow-tree.ts';

/** A binary-labelled matrix: `x` row-major n × f (NaN = missing), `y` 0/1 per row. */
export interface GbdtData {
  readonly n: number;
  readonly f: number;
  readonly x: Float32Array;
  readonly y: ArrayLike<number>;
}

/** Boosting settings; unset ones take `GBDT_DEFAULTS`. */
export interface GbdtParams extends TreeParams {
  readonly rounds: number;
  /** Fraction of rows each tree sees (sampled without replacement, per tree). */
  readonly subsample: number;
  /** Fraction of features each tree may split on. */
  readonly colsample: number;
  readonly maxBins: number;
  /** Stop after this many rounds without a better validation loss. */
  readonly earlyStoppingRounds: number;
  /** Weight of a positive row in the loss; 'auto' = √(negatives / positives), at most 25 (as the network's). */
  readonly posWeight: number | 'auto';
}

/**
 * Defaults: XGBoost's and LightGBM's usual ones (η 0.1, depth 6, 31 leaves, λ 1, min child weight 1)
 * with 0.8 row and column sampling; not tuned on any test set.
 */
export const GBDT_DEFAULTS: GbdtParams = {
  rounds: 300, learningRate: 0.1, maxDepth: 6, maxLeaves: 31, minChildWeight: 1, lambda: 1, gamma: 0,
  subsample: 0.8, colsample: 0.8, maxBins: MAX_BINS, earlyStoppingRounds: 30, posWeight: 'auto',
};

/** A trained ensemble: margin = base + Σ tree values; `priorShift` undoes the class weighting. */
export interface Booster {
  readonly features: number;
  readonly baseMargin: number;
  readonly trees: readonly Tree[];
  /** Added to the margin for probabilities on the unweighted scale: −log(posWeight) (King & Zeng, "Logistic Regression in Rare Events Data", 2001, prior correction). */
  readonly priorShift: number;
  readonly posWeight: number;
  /** Total split gain per feature over the kept trees. */
  readonly importance: Float64Array;
  /** Validation (or training) weighted log-loss after each round, and the best round (1-based; 0 = no tree). */
  readonly valLoss: readonly number[];
  /** Training weighted log-loss after each round. */
  readonly trainLoss: readonly number[];
  readonly bestRound: number;
}

function check(p: GbdtParams): void {
  const bad = (name: string, ok: boolean) => { if (!ok) throw new Error(`trainGbdt: ${name} ${String(p[name as keyof GbdtParams])} is out of range`); };
  bad('rounds', Number.isInteger(p.rounds) && p.rounds >= 1);
  bad('learningRate', p.learningRate > 0 && p.learningRate <= 1);
  bad('maxDepth', Number.isInteger(p.maxDepth) && p.maxDepth >= 1);
  bad('maxLeaves', Number.isInteger(p.maxLeaves) && p.maxLeaves >= 2);
  bad('minChildWeight', p.minChildWeight >= 0);
  bad('lambda', p.lambda >= 0);
  bad('gamma', p.gamma >= 0);
  bad('subsample', p.subsample > 0 && p.subsample <= 1);
  bad('colsample', p.colsample > 0 && p.colsample <= 1);
  bad('earlyStoppingRounds', Number.isInteger(p.earlyStoppingRounds) && p.earlyStoppingRounds >= 1);
  bad('posWeight', p.posWeight === 'auto' || p.posWeight > 0);
}

function checkData(d: GbdtData, what: string): void {
  if (d.x.length !== d.n * d.f) throw new Error(`trainGbdt: ${what} x has ${d.x.length} values, not n × f = ${d.n} × ${d.f}`);
  if (d.y.length !== d.n) throw new Error(`trainGbdt: ${what} has ${d.y.length} labels for ${d.n} rows`);
  for (let i = 0; i < d.n; i++) if (d.y[i] !== 0 && d.y[i] !== 1) throw new Error(`trainGbdt: ${what} label of row ${i} is ${d.y[i]}, not 0 or 1`);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function weightedLogLoss(margin: Float64Array, y: ArrayLike<number>, w: number): number {
  let s = 0;
  let ws = 0;
  for (let i = 0; i < margin.length; i++) {
    const z = margin[i]!;
    const sp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)); // softplus, stable
    const wi = y[i] === 1 ? w : 1;
    s += wi * (sp - y[i]! * z);
    ws += wi;
  }
  return s / Math.max(1, ws);
}

/** Trains on `train`, stopping early on `validation` (on `train` itself when absent or empty). */
export function trainGbdt(train: GbdtData, validation: GbdtData | undefined, params: Partial<GbdtParams>, rng: Rng): Booster {
  const p: GbdtParams = { ...GBDT_DEFAULTS, ...params };
  check(p);
  checkData(train, 'train');
  if (train.n === 0) throw new Error('trainGbdt: no training rows');
  const val = validation !== undefined && validation.n > 0 ? validation : undefined;
  if (val) { checkData(val, 'validation'); if (val.f !== train.f) throw new Error(`trainGbdt: validation has ${val.f} features, train ${train.f}`); }
  const { n, f } = train;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += train.y[i]!;
  const w = p.posWeight === 'auto' ? (pos === 0 || pos === n ? 1 : Math.max(1, Math.min(25, Math.sqrt((n - pos) / pos)))) : p.posWeight;
  // Start at the weighted prior, clipped so a one-class set does not give an infinite margin.
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, (w * pos) / (w * pos + n - pos)));
  const baseMargin = Math.log(rate / (1 - rate));
  const edges = fitBins(train.x, n, f, p.maxBins);
  const d = binnedData(binMatrix(edges, train.x, n, f), n, edges.edges);
  const margin = new Float64Array(n).fill(baseMargin);
  const vMargin = new Float64Array(val?.n ?? 0).fill(baseMargin);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const trees: Tree[] = [];
  const gains: Float64Array[] = [];
  const valLoss: number[] = [];
  const trainLoss: number[] = [];
  let best = val ? weightedLogLoss(vMargin, val.y, w) : weightedLogLoss(margin, train.y, w);
  let bestRound = 0;
  const perm = Int32Array.from({ length: f }, (_, j) => j);
  const nCols = Math.max(1, Math.round(p.colsample * f));
  for (let round = 0; round < p.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const q = sigmoid(margin[i]!);
      const wi = train.y[i] === 1 ? w : 1;
      grad[i] = wi * (q - train.y[i]!);
      hess[i] = Math.max(1e-16, wi * q * (1 - q));
    }
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (p.subsample >= 1 || rng.uniform() < p.subsample) rows.push(i);
    if (rows.length === 0) rows.push(Math.floor(rng.uniform() * n));
    // Partial Fisher–Yates: the first nCols of perm are the tree's features.
    for (let k = 0; k < nCols; k++) {
      const j = k + Math.floor(rng.uniform() * (f - k));
      const t = perm[k]!; perm[k] = perm[j]!; perm[j] = t;
    }
    const cols = Int32Array.from(perm.subarray(0, nCols)).sort();
    const gain = new Float64Array(f);
    const tree = growTree(d, grad, hess, Int32Array.from(rows), cols, p, gain);
    trees.push(tree);
    gains.push(gain);
    for (let i = 0; i < n; i++) margin[i] = margin[i]! + treeValueBinned(tree, d, i);
    if (val) for (let i = 0; i < val.n; i++) vMargin[i] = vMargin[i]! + treeValue(tree, val.x, i, f);
    trainLoss.push(weightedLogLoss(margin, train.y, w));
    const loss = val ? weightedLogLoss(vMargin, val.y, w) : trainLoss[round]!;
    valLoss.push(loss);
    if (loss < best - 1e-12) { best = loss; bestRound = round + 1; }
    if (round + 1 - bestRound >= p.earlyStoppingRounds) break;
  }
  const kept = trees.slice(0, bestRound);
  const importance = new Float64Array(f);
  for (const g of gains.slice(0, bestRound)) for (let j = 0; j < f; j++) importance[j] = importance[j]! + g[j]!;
  return { features: f, baseMargin, trees: kept, priorShift: -Math.log(w), posWeight: w, importance, valLoss, trainLoss, bestRound };
}

/** Margins (logits on the unweighted scale: prior shift included) of `n` rows of `x` (row-major, booster.features columns). */
export function predictMargin(b: Booster, x: Float32Array, n: number): Float64Array {
  if (x.length !== n * b.features) throw new Error(`predictMargin: x has ${x.length} values, not ${n} rows × ${b.features} features`);
  const out = new Float64Array(n).fill(b.baseMargin + b.priorShift);
  for (const t of b.trees) for (let i = 0; i < n; i++) out[i] = out[i]! + treeValue(t, x, i, b.features);
  return out;
}
