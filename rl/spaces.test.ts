/**
 * BoxSpace, as Gymnasium's Box: a named box of reals whose `sample(rng)` it `contains`, drawn from
 * the project's seeded streams (engine/rng.ts), so the same seed gives the same samples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../engine/rng.ts';
import { BoxSpace } from './spaces.ts';

const line = () => new BoxSpace(['Line_A.furnace_temp', 'Line_A.belt_speed'], [1350, 50], [1650, 200]);
const draws = (box: BoxSpace, seed: number, n: number) => {
  const rng = createRng(seed, 'spaces-test');
  return Array.from({ length: n }, () => box.sample(rng));
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('BoxSpace construction', () => {
  it('has one dimension per name: shape [n], names and bounds as given', () => {
    const box = line();
    expect(box.shape).toEqual([2]);
    expect(box.names).toEqual(['Line_A.furnace_temp', 'Line_A.belt_speed']);
    expect(box.low).toEqual([1350, 50]);
    expect(box.high).toEqual([1650, 200]);
    expect(new BoxSpace([], [], []).shape).toEqual([0]);
  });

  it('refuses bounds whose count differs from the names', () => {
    expect(() => new BoxSpace(['a', 'b'], [0], [1, 1])).toThrow(new RangeError('box: 2 names but 1 low and 2 high bounds'));
    expect(() => new BoxSpace(['a'], [0], [1, 2])).toThrow(new RangeError('box: 1 names but 1 low and 2 high bounds'));
    expect(() => new BoxSpace([], [0], [])).toThrow(RangeError);
  });

  it('refuses a NaN bound or low above high, naming the dimension', () => {
    expect(() => new BoxSpace(['a', 'b'], [0, Number.NaN], [1, 1])).toThrow(new RangeError('box: b: bounds [NaN, 1] are not an interval'));
    expect(() => new BoxSpace(['a'], [0], [Number.NaN])).toThrow(new RangeError('box: a: bounds [0, NaN] are not an interval'));
    expect(() => new BoxSpace(['a'], [2], [1])).toThrow(new RangeError('box: a: bounds [2, 1] are not an interval'));
  });

  it('accepts a one-point interval and unbounded sides', () => {
    expect(() => new BoxSpace(['a'], [5], [5])).not.toThrow();
    expect(() => new BoxSpace(['a', 'b', 'c'], [Number.NEGATIVE_INFINITY, 0, Number.NEGATIVE_INFINITY], [0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).not.toThrow();
  });
});

describe('BoxSpace.contains', () => {
  it('holds a vector of the box’s length with every entry within its bounds, the bounds included', () => {
    const box = line();
    expect(box.contains([1500, 150])).toBe(true);
    expect(box.contains([1350, 50])).toBe(true);
    expect(box.contains([1650, 200])).toBe(true);
  });

  it('refuses a vector of another length', () => {
    const box = line();
    expect(box.contains([1500])).toBe(false);
    expect(box.contains([1500, 150, 0])).toBe(false);
    expect(box.contains([])).toBe(false);
  });

  it('refuses an entry below low or above high, in any dimension', () => {
    const box = line();
    expect(box.contains([1349.999, 150])).toBe(false);
    expect(box.contains([1650.001, 150])).toBe(false);
    expect(box.contains([1500, 49])).toBe(false);
    expect(box.contains([1500, 201])).toBe(false);
  });

  it('refuses NaN, ±∞ outside finite bounds, a non-number and a missing entry', () => {
    const box = line();
    expect(box.contains([Number.NaN, 150])).toBe(false);
    expect(box.contains([1500, Number.POSITIVE_INFINITY])).toBe(false);
    expect(box.contains([Number.NEGATIVE_INFINITY, 150])).toBe(false);
    expect(box.contains(['1500', 150] as unknown as number[])).toBe(false);
    // A sparse array: the hole is no number.
    const holed: number[] = [];
    holed[1] = 150;
    expect(box.contains(holed)).toBe(false);
  });

  it('holds ±∞ on an unbounded side, never NaN', () => {
    const free = new BoxSpace(['x'], [Number.NEGATIVE_INFINITY], [Number.POSITIVE_INFINITY]);
    expect(free.contains([Number.POSITIVE_INFINITY])).toBe(true);
    expect(free.contains([Number.NEGATIVE_INFINITY])).toBe(true);
    expect(free.contains([Number.NaN])).toBe(false);
  });
});

describe('BoxSpace.sample', () => {
  it('draws within finite bounds for many seeds and boxes, up to the largest finite doubles', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const interval = fc.oneof(fc.tuple(finite, finite), fc.tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true })), fc.constant([-Number.MAX_VALUE, Number.MAX_VALUE])).map(([a, b]) => [Math.min(a!, b!), Math.max(a!, b!)] as const);
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (ivs, seed) => {
        const box = new BoxSpace(
          ivs.map((_, i) => `d${i}`),
          ivs.map((iv) => iv[0]),
          ivs.map((iv) => iv[1]),
        );
        const rng = createRng(seed);
        for (let k = 0; k < 20; k++) {
          const x = box.sample(rng);
          if (x.length !== ivs.length || !x.every((v, i) => Number.isFinite(v) && v >= ivs[i]![0] && v <= ivs[i]![1])) return false;
        }
        return true;
      }),
      { numRuns: 5_000 },
    );
  });

  it('draws what the box contains, unbounded sides included', () => {
    const box = new BoxSpace(['a', 'b', 'c', 'd'], [1350, 0, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY], [1650, Number.POSITIVE_INFINITY, 10, Number.POSITIVE_INFINITY]);
    const outside = draws(box, 3, 5_000).filter((x) => !box.contains(x) || !x.every(Number.isFinite));
    expect(outside).toEqual([]);
  });

  it('is deterministic: the same seed gives the same samples, another seed others', () => {
    const box = line();
    expect(draws(box, 42, 100)).toEqual(draws(box, 42, 100));
    expect(draws(box, 43, 100)).not.toEqual(draws(box, 42, 100));
  });

  it('draws a one-point interval as that point', () => {
    const box = new BoxSpace(['a'], [7.25], [7.25]);
    expect(draws(box, 1, 100).every(([v]) => v === 7.25)).toBe(true);
  });

  it('is uniform within a finite interval: mean near the middle, every tenth of it hit about equally', () => {
    const xs = draws(new BoxSpace(['a'], [1350], [1650]), 11, 20_000).map(([v]) => v!);
    expect(mean(xs)).toBeCloseTo(1500, 0);
    const counts = Array.from({ length: 10 }, (_, k) => xs.filter((v) => v >= 1350 + 30 * k && v < 1350 + 30 * (k + 1)).length);
    // Binomial(20,000, 0.1): sd ≈ 42, so ±200 is over 4.5 sd.
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });

  it('offsets a half-bounded side by |N(0, 1)| from its finite bound, and draws N(0, 1) when both are unbounded', () => {
    const box = new BoxSpace(['lo', 'hi', 'free'], [10, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY], [Number.POSITIVE_INFINITY, -10, Number.POSITIVE_INFINITY]);
    const xs = draws(box, 5, 20_000);
    const halfNormalMean = Math.sqrt(2 / Math.PI); // E|N(0, 1)| ≈ 0.798
    expect(mean(xs.map((x) => x[0]!)) - 10).toBeCloseTo(halfNormalMean, 1);
    expect(-10 - mean(xs.map((x) => x[1]!))).toBeCloseTo(halfNormalMean, 1);
    const free = xs.map((x) => x[2]!);
    expect(mean(free)).toBeCloseTo(0, 1);
    expect(Math.sqrt(mean(free.map((v) => v * v)))).toBeCloseTo(1, 1);
  });
});

describe('BoxSpace.indexOf', () => {
  it('finds a dimension by its name, -1 when absent', () => {
    const box = line();
    expect(box.indexOf('Line_A.furnace_temp')).toBe(0);
    expect(box.indexOf('Line_A.belt_speed')).toBe(1);
    expect(box.indexOf('Line_B.belt_speed')).toBe(-1);
    expect(box.indexOf('')).toBe(-1);
  });
});
