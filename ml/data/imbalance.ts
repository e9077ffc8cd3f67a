/**
 * Class-imbalance handling for binary targets, applied to the training part only (validation and
 * test keep the real class ratio, so their metrics mean what they say).
 */
import type { Rng } from '../../physics/model.ts';
import type { WindowSet } from '../window-set.ts';
import { selectWindows } from './window-ops.ts';

/** Per-class weights n / (2·n_c) (scikit-learn's "balanced"), for target `t` (≥ 0.5 is positive). */
export function classWeights(ws: WindowSet, t = 0): { negative: number; positive: number } {
  let pos = 0;
  for (let i = 0; i < ws.n; i++) if (ws.y[i * ws.targets + t]! >= 0.5) pos++;
  const neg = ws.n - pos;
  return { negative: neg > 0 ? ws.n / (2 * neg) : 1, positive: pos > 0 ? ws.n / (2 * pos) : 1 };
}

/** Random oversampling: minority windows drawn with replacement until both classes are equally many. */
export function oversampleMinority(train: WindowSet, rng: Rng, t = 0): WindowSet {
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < train.n; i++) (train.y[i * train.targets + t]! >= 0.5 ? pos : neg).push(i);
  const [minority, majority] = pos.length < neg.length ? [pos, neg] : [neg, pos];
  if (minority.length === 0) return train;
  const extra: number[] = [];
  for (let k = minority.length; k < majority.length; k++) extra.push(minority[Math.floor(rng.uniform() * minority.length)]!);
  return selectWindows(train, [...Array.from({ length: train.n }, (_, i) => i), ...extra]);
}
