/**
 * Task-level evaluation shared by the bench and the tests: columns of multi-output predictions,
 * an operating threshold chosen on validation data, and the mean life of simulated assets.
 */
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
 * One cut-off for pooled calibrated probabilities: the lowest whose precision over these (validation)
 * scores is still ≥ `minPrecision`, i.e. the most recall that precision allows. A calibrated
 * probability is the row's own chance of being positive whatever its target, so one cut-off flags the
 * likeliest positives of every target first; for a goal on the pooled targets that beats a cut-off per
 * target, which can spend precision where a target is easy and still miss recall where it is hard.
 * Without any cut-off reaching `minPrecision`, the one of best F1. Sorts once: O(n log n).
 */
export function choosePooledThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, minPrecision = 0.8): number {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`choosePooledThreshold: ${labels.length} labels for ${n} scores`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]! >= 0.5 ? 1 : 0;
  let tp = 0;
  let best: number | undefined;
  let bestF1 = -1;
  let bestF1T = 0.5;
  for (let k = 0; k < n; k++) {
    tp += labels[order[k]!]! >= 0.5 ? 1 : 0;
    const s = scores[order[k]!]!;
    // Only at the end of a run of equal scores: a cut-off flags all of them or none.
    if (k + 1 < n && scores[order[k + 1]!]! === s) continue;
    const precision = tp / (k + 1);
    const recall = positives === 0 ? 0 : tp / positives;
    if (precision >= minPrecision) best = s;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > bestF1) { bestF1 = f1; bestF1T = s; }
  }
  return best ?? bestF1T;
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
