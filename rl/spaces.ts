/**
 * Gymnasium-style spaces (gymnasium/spaces/box.py): a named box of real numbers with `contains`
 * and `sample(rng)`. Actions and observations of rl/ are boxes with one name per dimension, so a
 * vector can always be read back as "which setpoint, which feature".
 */
import type { Rng } from '../physics/model.ts';

export class BoxSpace {
  readonly shape: readonly [number];

  /**
   * @example new BoxSpace(['Line_A.furnace_temp', 'Line_A.belt_speed'], [1350, 50], [1650, 200])
   * Throws a RangeError when the lengths differ or a bound is NaN or low > high.
   */
  constructor(
    readonly names: readonly string[],
    readonly low: readonly number[],
    readonly high: readonly number[],
  ) {
    if (low.length !== names.length || high.length !== names.length) throw new RangeError(`box: ${names.length} names but ${low.length} low and ${high.length} high bounds`);
    names.forEach((n, i) => {
      const lo = low[i]!;
      const hi = high[i]!;
      if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) throw new RangeError(`box: ${n}: bounds [${lo}, ${hi}] are not an interval`);
    });
    this.shape = [names.length];
  }

  /** True when `x` has the box's length and every entry is a number within its bounds. */
  contains(x: readonly number[]): boolean {
    if (x.length !== this.names.length) return false;
    // A loop, not `every`: `every` skips the holes of a sparse array, which would pass unchecked.
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (!(typeof v === 'number' && v >= this.low[i]! && v <= this.high[i]!)) return false;
    }
    return true;
  }

  /**
   * Uniform within each finite interval; an unbounded side draws a standard normal offset from the
   * finite one (or around 0 when both are unbounded), as Gymnasium's Box does.
   */
  sample(rng: Rng): number[] {
    return this.names.map((_, i) => {
      const lo = this.low[i]!;
      const hi = this.high[i]!;
      if (Number.isFinite(lo) && Number.isFinite(hi)) {
        const u = rng.uniform();
        // Finite bounds more than Number.MAX_VALUE apart overflow hi − lo to ∞: interpolate without it.
        return Number.isFinite(hi - lo) ? lo + (hi - lo) * u : lo * (1 - u) + hi * u;
      }
      if (Number.isFinite(lo)) return lo + Math.abs(rng.normal());
      if (Number.isFinite(hi)) return hi - Math.abs(rng.normal());
      return rng.normal();
    });
  }

  /** Index of a dimension by name; -1 when absent. */
  indexOf(name: string): number {
    return this.names.indexOf(name);
  }
}
