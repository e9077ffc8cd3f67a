/**
 * Task-level evaluation shared by the bench and the tests: columns of multi-output predictions,
 * an operating threshold chosen on validation data, and the mean life of simulated assets.
 */
import { confusion } from '../metrics/index.ts';
import type { WindowSet } from '../window-set.ts';

/** Values of the outputs whose names match `keep`, pooled (row-major order kept). */
export function pickColumns(values: Float32Array, names: readonly string[], keep: (name: string) => boolean): Float32Array {
  const cols = names.map((n, j) => (keep(n) ? j : -1)).filter((j) => j >= 0);
  const w = names.length;
  const n = values.length / w;
  const out = new Float32Array(n * cols.length);
  for (let i = 0; i < n; i++) cols.forEach((j, k) => { out[i * cols.length + k] = values[i * w + j]!; });
  return out;
}

/**
 * The highest threshold whose recall reaches `minRecall` while keeping precision ≥ `minPrecision`
 * on these (validation) scores; failing that, the threshold of best F1. Chosen on validation, then
 * applied unchanged to the test part.
 */
export function chooseThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, minRecall = 0.9, minPrecision = 0.8): number {
  const cands = [...new Set(Array.from(scores))].sort((a, b) => b - a);
  let bestF1 = -1;
  let bestT = 0.5;
  for (const t of cands) {
    const c = confusion(labels, scores, t);
    const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
    const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
    if (r >= minRecall && p >= minPrecision) return t;
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    if (f1 > bestF1) { bestF1 = f1; bestT = t; }
  }
  return bestT;
}

/**
 * One threshold per output column (`chooseThreshold` on that column's validation labels and scores).
 * Calibrated probabilities of targets with other base rates and other shares of unforeseeable
 * positives do not share one best cut-off, so each target gets its own; chosen on validation only.
 */
export function chooseColumnThresholds(labels: Float32Array, scores: Float32Array, width: number, minRecall = 0.9, minPrecision = 0.8): number[] {
  return Array.from({ length: width }, (_, j) => {
    const keep = (_: number, k: number) => k % width === j;
    return chooseThreshold(labels.filter(keep), scores.filter(keep), minRecall, minPrecision);
  });
}

/** 0/1 decisions of row-major `scores` (`width` columns), column j flagged at scores ≥ thresholds[j]. */
export function decide(scores: Float32Array, width: number, thresholds: readonly number[]): Float32Array {
  if (thresholds.length !== width) throw new Error(`decide: ${thresholds.length} thresholds for ${width} columns`);
  return scores.map((v, k) => (v >= thresholds[k % width]! ? 1 : 0));
}

/**
 * Mean life of the simulated assets in a window set with RUL targets: per group (one life) that
 * reaches failure (final RUL < 1 target unit), time span of its windows in hours plus the final RUL.
 */
export function meanLifeH(ws: WindowSet): number {
  const span = new Map<number, { t0: number; t1: number; rulEnd: number }>();
  for (let i = 0; i < ws.n; i++) {
    const g = ws.group[i]!;
    const s = span.get(g) ?? { t0: Infinity, t1: -Infinity, rulEnd: Infinity };
    s.t0 = Math.min(s.t0, ws.time[i]!);
    if (ws.time[i]! > s.t1) { s.t1 = ws.time[i]!; s.rulEnd = ws.y[i * ws.targets]!; }
    span.set(g, s);
  }
  const lives = [...span.values()].filter((s) => s.rulEnd < 1).map((s) => (s.t1 - s.t0) / 3.6e6 + s.rulEnd);
  return lives.length === 0 ? NaN : lives.reduce((a, b) => a + b, 0) / lives.length;
}
