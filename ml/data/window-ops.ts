/**
 * Small operations on WindowSets: select rows, concatenate, read one target column. Plain typed-array
 * copies, no TF.js.
 */
import type { WindowSet } from '../window-set.ts';

/** The windows at `indices` (in that order), as a new set with the same shape and names. */
export function selectWindows(ws: WindowSet, indices: ArrayLike<number>): WindowSet {
  const rowX = ws.steps * ws.features;
  const n = indices.length;
  const x = new Float32Array(n * rowX);
  const y = new Float32Array(n * ws.targets);
  const group = new Int32Array(n);
  const time = new Float64Array(n);
  const condition = ws.condition ? new Int32Array(n) : undefined;
  for (let k = 0; k < n; k++) {
    const i = indices[k]!;
    x.set(ws.x.subarray(i * rowX, (i + 1) * rowX), k * rowX);
    y.set(ws.y.subarray(i * ws.targets, (i + 1) * ws.targets), k * ws.targets);
    group[k] = ws.group[i]!;
    time[k] = ws.time[i]!;
    if (condition) condition[k] = ws.condition![i]!;
  }
  return { ...ws, n, x, y, group, time, ...(condition ? { condition } : {}) };
}

/** All windows of `sets` in order; shapes and names must agree. */
export function concatWindows(sets: readonly WindowSet[]): WindowSet {
  const first = sets[0];
  if (!first) throw new Error('concatWindows: no sets');
  for (const s of sets) {
    if (s.steps !== first.steps || s.features !== first.features || s.targets !== first.targets) {
      throw new Error(`concatWindows: shape ${s.steps}×${s.features}→${s.targets} differs from ${first.steps}×${first.features}→${first.targets}`);
    }
  }
  const n = sets.reduce((a, s) => a + s.n, 0);
  const rowX = first.steps * first.features;
  const out = emptyWindows(n, first.steps, first.featureNames, first.targetNames, sets.every((s) => s.condition));
  let k = 0;
  for (const s of sets) {
    out.x.set(s.x, k * rowX);
    out.y.set(s.y, k * first.targets);
    out.group.set(s.group, k);
    out.time.set(s.time, k);
    if (out.condition && s.condition) out.condition.set(s.condition, k);
    k += s.n;
  }
  return out;
}

/** A zero-filled set to write into; `withCondition` adds the per-window condition array. */
export function emptyWindows(
  n: number,
  steps: number,
  featureNames: readonly string[],
  targetNames: readonly string[],
  withCondition = false,
): WindowSet & { x: Float32Array; y: Float32Array; group: Int32Array; time: Float64Array; condition?: Int32Array } {
  const features = featureNames.length;
  const targets = targetNames.length;
  return {
    n,
    steps,
    features,
    x: new Float32Array(n * steps * features),
    featureNames,
    targets,
    y: new Float32Array(n * targets),
    targetNames,
    group: new Int32Array(n),
    time: new Float64Array(n),
    ...(withCondition ? { condition: new Int32Array(n) } : {}),
  };
}

/** Target column `t` of every window. */
export function targetColumn(ws: WindowSet, t = 0): Float32Array {
  const out = new Float32Array(ws.n);
  for (let i = 0; i < ws.n; i++) out[i] = ws.y[i * ws.targets + t]!;
  return out;
}
