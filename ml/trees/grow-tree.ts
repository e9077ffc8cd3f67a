/**
 * Grows one regression tree on gradients and hessians over binned features, leaf-wise (best-first,
 * as LightGBM: Ke et al., NeurIPS 2017) within a depth and a leaf budget. The gain and leaf value are
 * XGBoost's second-order ones (Chen & Guestrin, KDD 2016, eqs. 5–7): leaf weight −G/(H+λ), split gain
 * ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] − γ. Missing values (bin 0) go to the side that gains most
 * (XGBoost's sparsity-aware default direction, §3.4). A child's histogram is the parent's minus its
 * sibling's, so only the smaller child is counted row by row.
 */

/** A tree as flat arrays; node 0 is the root, a leaf has feature −1. */
export interface Tree {
  readonly feature: Int32Array;
  /** Internal nodes: go left when the value is ≤ threshold (raw units). */
  readonly threshold: Float64Array;
  /** The same split in bins: left when 1 ≤ bin ≤ splitBin. */
  readonly splitBin: Int32Array;
  /** Where a missing value (NaN) goes: 1 left, 0 right. */
  readonly defaultLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaves: the margin added (shrinkage included). */
  readonly value: Float64Array;
}

/** Growth limits and regularisation. */
export interface TreeParams {
  readonly maxDepth: number;
  readonly maxLeaves: number;
  /** Least hessian sum in a child (XGBoost's min_child_weight). */
  readonly minChildWeight: number;
  /** L2 penalty on leaf weights. */
  readonly lambda: number;
  /** Least gain for a split (XGBoost's gamma). */
  readonly gamma: number;
  /** Shrinkage applied to leaf values. */
  readonly learningRate: number;
}

/** Binned training data shared by every tree of a boosting run. */
export interface BinnedData {
  readonly n: number;
  readonly f: number;
  /** Column-major bins, `bins[j * n + i]`. */
  readonly bins: Uint8Array;
  /** Per feature, ascending bin edges (binning.ts). */
  readonly edges: readonly Float64Array[];
  /** Offset of each feature's histogram (in bins) and the total. */
  readonly offset: Int32Array;
  readonly totalBins: number;
}

interface Split { gain: number; feature: number; bin: number; defaultLeft: boolean }
interface Leaf { node: number; start: number; end: number; depth: number; g: number; h: number; hist: Float64Array; split: Split | undefined }

/** Histogram offsets for a binned matrix with these edges (bin 0 missing, then edges.length + 1 value bins). */
export function binnedData(bins: Uint8Array, n: number, edges: readonly Float64Array[]): BinnedData {
  const offset = new Int32Array(edges.length);
  let total = 0;
  edges.forEach((e, j) => { offset[j] = total; total += e.length + 2; });
  return { n, f: edges.length, bins, edges, offset, totalBins: total };
}

function buildHist(d: BinnedData, idx: Int32Array, start: number, end: number, grad: Float64Array, hess: Float64Array, features: Int32Array): Float64Array {
  const hist = new Float64Array(2 * d.totalBins);
  for (const j of features) {
    const col = d.bins.subarray(j * d.n, (j + 1) * d.n);
    const base = 2 * d.offset[j]!;
    for (let r = start; r < end; r++) {
      const i = idx[r]!;
      const k = base + 2 * col[i]!;
      hist[k] = hist[k]! + grad[i]!;
      hist[k + 1] = hist[k + 1]! + hess[i]!;
    }
  }
  return hist;
}

function bestSplit(d: BinnedData, hist: Float64Array, g: number, h: number, features: Int32Array, p: TreeParams): Split | undefined {
  const parent = (g * g) / (h + p.lambda);
  let best: Split | undefined;
  for (const j of features) {
    const values = d.edges[j]!.length + 1;
    if (values < 2) continue;
    const base = 2 * d.offset[j]!;
    const gm = hist[base]!;
    const hm = hist[base + 1]!;
    let gl = 0;
    let hl = 0;
    for (let b = 1; b < values; b++) {
      gl += hist[base + 2 * b]!;
      hl += hist[base + 2 * b + 1]!;
      // Missing values right, then left; the left option must be strictly better to be taken.
      for (let side = 0; side < 2; side++) {
        if (side === 1 && hm === 0) break;
        const gL = side === 0 ? gl : gl + gm;
        const hL = side === 0 ? hl : hl + hm;
        const gR = g - gL;
        const hR = h - hL;
        if (hL < p.minChildWeight || hR < p.minChildWeight) continue;
        const gain = 0.5 * ((gL * gL) / (hL + p.lambda) + (gR * gR) / (hR + p.lambda) - parent) - p.gamma;
        if (gain > 1e-12 && (best === undefined || gain > best.gain)) best = { gain, feature: j, bin: b, defaultLeft: side === 1 };
      }
    }
  }
  return best;
}

/**
 * One tree on the rows `rows` with the allowed `features`. Adds each split's gain to `importance`
 * (per feature). Deterministic: ties keep the first feature and bin found.
 */
export function growTree(d: BinnedData, grad: Float64Array, hess: Float64Array, rows: Int32Array, features: Int32Array, p: TreeParams, importance: Float64Array): Tree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const splitBin: number[] = [];
  const defaultLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const addNode = (g: number, h: number) => {
    feature.push(-1); threshold.push(0); splitBin.push(0); defaultLeft.push(0); left.push(-1); right.push(-1);
    value.push((-p.learningRate * g) / (h + p.lambda));
    return feature.length - 1;
  };
  const idx = Int32Array.from(rows);
  const tmp = new Int32Array(idx.length);
  let g0 = 0;
  let h0 = 0;
  for (const i of idx) { g0 += grad[i]!; h0 += hess[i]!; }
  const rootHist = buildHist(d, idx, 0, idx.length, grad, hess, features);
  const open: Leaf[] = [{ node: addNode(g0, h0), start: 0, end: idx.length, depth: 0, g: g0, h: h0, hist: rootHist, split: p.maxDepth > 0 ? bestSplit(d, rootHist, g0, h0, features, p) : undefined }];
  let leaves = 1;
  while (leaves < p.maxLeaves) {
    let pick = -1;
    for (let k = 0; k < open.length; k++) if (open[k]!.split && (pick < 0 || open[k]!.split!.gain > open[pick]!.split!.gain)) pick = k;
    if (pick < 0) break;
    const leaf = open.splice(pick, 1)[0]!;
    const s = leaf.split!;
    // Stable partition of the leaf's rows: left rows first, in their order, then right rows.
    const col = d.bins.subarray(s.feature * d.n, (s.feature + 1) * d.n);
    let nl = 0;
    let nr = 0;
    for (let r = leaf.start; r < leaf.end; r++) {
      const i = idx[r]!;
      const b = col[i]!;
      if (b === 0 ? s.defaultLeft : b <= s.bin) idx[leaf.start + nl++] = i;
      else tmp[nr++] = i;
    }
    idx.set(tmp.subarray(0, nr), leaf.start + nl);
    const mid = leaf.start + nl;
    let gl = 0;
    let hl = 0;
    for (let r = leaf.start; r < mid; r++) { gl += grad[idx[r]!]!; hl += hess[idx[r]!]!; }
    const gr = leaf.g - gl;
    const hr = leaf.h - hl;
    const leftSmaller = nl <= nr;
    const small = leftSmaller ? buildHist(d, idx, leaf.start, mid, grad, hess, features) : buildHist(d, idx, mid, leaf.end, grad, hess, features);
    const large = leaf.hist;
    for (let k = 0; k < large.length; k++) large[k] = large[k]! - small[k]!;
    const [hl0, hr0] = leftSmaller ? [small, large] : [large, small];
    const n = leaf.node;
    feature[n] = s.feature;
    splitBin[n] = s.bin;
    threshold[n] = d.edges[s.feature]![s.bin - 1]!;
    defaultLeft[n] = s.defaultLeft ? 1 : 0;
    importance[s.feature] = importance[s.feature]! + s.gain;
    const depth = leaf.depth + 1;
    const canSplit = depth < p.maxDepth;
    left[n] = addNode(gl, hl);
    open.push({ node: left[n]!, start: leaf.start, end: mid, depth, g: gl, h: hl, hist: hl0, split: canSplit ? bestSplit(d, hl0, gl, hl, features, p) : undefined });
    right[n] = addNode(gr, hr);
    open.push({ node: right[n]!, start: mid, end: leaf.end, depth, g: gr, h: hr, hist: hr0, split: canSplit ? bestSplit(d, hr0, gr, hr, features, p) : undefined });
    leaves++;
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    splitBin: Int32Array.from(splitBin),
    defaultLeft: Uint8Array.from(defaultLeft),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** The margin a tree adds for row `i` of a row-major matrix `x` with `f` columns. */
export function treeValue(t: Tree, x: Float32Array, i: number, f: number): number {
  let k = 0;
  while (t.feature[k]! >= 0) {
    const v = x[i * f + t.feature[k]!]!;
    k = (Number.isNaN(v) ? t.defaultLeft[k] === 1 : v <= t.threshold[k]!) ? t.left[k]! : t.right[k]!;
  }
  return t.value[k]!;
}

/** The margin a tree adds for training row `i`, read from the bins (same path as `treeValue` on the raw value). */
export function treeValueBinned(t: Tree, d: BinnedData, i: number): number {
  let k = 0;
  while (t.feature[k]! >= 0) {
    const b = d.bins[t.feature[k]! * d.n + i]!;
    k = (b === 0 ? t.defaultLeft[k] === 1 : b <= t.splitBin[k]!) ? t.left[k]! : t.right[k]!;
  }
  return t.value[k]!;
}
