/**
 * Small deterministic WindowSets for tests: units degrade linearly to failure; sensor 0 tracks the
 * wear with noise, sensor 1 is noise, so a model can learn RUL and its explanation must name sensor 0.
 */
import { createRng } from '../../engine/rng.ts';
import type { Split, WindowSet } from '../window-set.ts';

/** Windows of `units` run-to-failure units of `life` steps; y = [RUL] (or [P(RUL ≤ 20)] when `classify`). */
export function toyWindows(units: number, seed: number, opts: { steps?: number; life?: number; classify?: boolean } = {}): WindowSet {
  const steps = opts.steps ?? 8;
  const life = opts.life ?? 60;
  const features = 3;
  const rng = createRng(seed, 'toy');
  const x: number[] = [];
  const y: number[] = [];
  const group: number[] = [];
  const time: number[] = [];
  for (let u = 0; u < units; u++) {
    const series: number[][] = [];
    for (let t = 0; t < life; t++) // Inputs come standardised, as the data side delivers them: wear spans about ±1.7.
    for (let t = 0; t < life; t++) series.push([3.4 * (t / life - 0.5) + 0.15 * rng.normal(), rng.normal(), Math.sin(t / 5)]);
    for (let e = steps; e <= life; e++) {
      for (let t = e - steps; t < e; t++) x.push(...series[t]!);
      y.push(opts.classify === true ? (life - e <= 20 ? 1 : 0) : life - e);
      group.push(u);
      time.push(e);
    }
  }
  return {
    n: y.length, steps, features, x: Float32Array.from(x), featureNames: ['wear', 'noise', 'cycle'],
    targets: 1, y: Float32Array.from(y), targetNames: [opts.classify === true ? 'fail_20' : 'rul'],
    group: Int32Array.from(group), time: Float64Array.from(time),
  };
}

/** A split of toy windows with distinct units per part. */
export function toySplit(seed: number, opts: { classify?: boolean; units?: number } = {}): Split {
  const u = opts.units ?? 12;
  return { train: toyWindows(u, seed, opts), validation: toyWindows(4, seed + 1, opts), test: toyWindows(4, seed + 2, opts) };
}
