/**
 * Train / validation / test splits with no leakage: by group (a unit or asset never in two parts),
 * by time (cut points with a gap as long as the longest label horizon), or stratified on a binary
 * target (for tables without time or group).
 */
import type { Rng } from '../../physics/model.ts';
import type { Split, WindowSet } from '../window-set.ts';
import { shuffleInPlace } from './rng.ts';
import { selectWindows } from './window-ops.ts';

/** Fractions of the data for validation and test; train gets the rest. */
export interface SplitFractions {
  readonly validation: number;
  readonly test: number;
}

function checkFractions(f: SplitFractions): void {
  if (!(f.validation >= 0 && f.test >= 0 && f.validation + f.test < 1)) {
    throw new Error(`split fractions must be ≥ 0 and leave some training data (validation ${f.validation}, test ${f.test})`);
  }
}

function fromParts(ws: WindowSet, part: Uint8Array): Split {
  const idx: number[][] = [[], [], []];
  part.forEach((p, i) => { if (p < 3) idx[p]!.push(i); });
  return { train: selectWindows(ws, idx[0]!), validation: selectWindows(ws, idx[1]!), test: selectWindows(ws, idx[2]!) };
}

/** Whole groups go to one part; groups are shuffled by `rng` and dealt by count (at least one each when possible). */
export function splitByGroup(ws: WindowSet, f: SplitFractions, rng: Rng): Split {
  checkFractions(f);
  const groups = shuffleInPlace([...new Set(ws.group)].sort((a, b) => a - b), rng);
  const g = groups.length;
  const atLeast = (frac: number) => (frac > 0 && g >= 3 ? Math.max(1, Math.round(frac * g)) : Math.round(frac * g));
  const nTest = atLeast(f.test);
  const nVal = Math.min(atLeast(f.validation), g - nTest - 1);
  const partOf = new Map<number, number>();
  groups.forEach((grp, i) => partOf.set(grp, i < nTest ? 2 : i < nTest + nVal ? 1 : 0));
  return fromParts(ws, Uint8Array.from(ws.group, (grp) => partOf.get(grp)!));
}

/**
 * Cuts on window end time: train ≤ t₁ < validation ≤ t₂ < test, where t₁ and t₂ are time quantiles.
 * Windows ending within `gap` after a cut are dropped, so a label looking `gap` ahead from the end of a
 * training window never sees a time that a later part is scored on.
 */
export function splitByTime(ws: WindowSet, f: SplitFractions, gap = 0): Split {
  checkFractions(f);
  const times = Float64Array.from(ws.time).sort();
  const at = (q: number) => times[Math.min(times.length - 1, Math.max(0, Math.round(q * times.length) - 1))]!;
  const t1 = at(1 - f.validation - f.test);
  const t2 = f.test > 0 ? at(1 - f.test) : Number.POSITIVE_INFINITY;
  const part = Uint8Array.from(ws.time, (t) => {
    if (t <= t1) return 0;
    if (t <= t1 + gap) return 3; // in the gap: dropped
    if (t <= t2) return 1;
    if (t <= t2 + gap) return 3;
    return 2;
  });
  return fromParts(ws, part);
}

/** Keeps the ratio of positives to negatives of target `t` (≥ 0.5 is positive) in every part. */
export function splitStratified(ws: WindowSet, f: SplitFractions, rng: Rng, t = 0): Split {
  checkFractions(f);
  const part = new Uint8Array(ws.n);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < ws.n; i++) if ((ws.y[i * ws.targets + t]! >= 0.5 ? 1 : 0) === cls) idx.push(i);
    shuffleInPlace(idx, rng);
    const nTest = Math.round(f.test * idx.length);
    const nVal = Math.round(f.validation * idx.length);
    idx.forEach((i, k) => { part[i] = k < nTest ? 2 : k < nTest + nVal ? 1 : 0; });
  }
  return fromParts(ws, part);
}
