import { describe, expect, it } from 'vitest';
import { createRng, RNG_WORDS, seedStream, StreamRng } from './rng.ts';

function draw(rng: StreamRng, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

describe('seeded streams', () => {
  it('repeat exactly for the same seed and label', () => {
    expect(draw(createRng(7, 'asset:pump_003'), 50)).toEqual(draw(createRng(7, 'asset:pump_003'), 50));
  });

  it('differ between labels and between seeds', () => {
    const a = draw(createRng(7, 'asset:pump_003'), 20);
    expect(draw(createRng(7, 'asset:pump_004'), 20)).not.toEqual(a);
    expect(draw(createRng(8, 'asset:pump_003'), 20)).not.toEqual(a);
  });

  it('do not depend on which other streams exist (splittable by label)', () => {
    const words = new Uint32Array(3 * RNG_WORDS);
    seedStream(words, 0, 1, 'asset:a');
    seedStream(words, 4, 1, 'asset:new');
    seedStream(words, 8, 1, 'asset:b');
    const b = new StreamRng(words, 8);
    expect(draw(b, 10)).toEqual(draw(createRng(1, 'asset:b'), 10));
  });

  it('produce uniforms in [0, 1) with the right mean and normals with mean 0 and variance 1', () => {
    const rng = createRng(123);
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s1 += z;
      s2 += z * z;
    }
    expect(s1 / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  it('draw normals with the right tails and shape (ziggurat check against the normal CDF)', () => {
    const rng = createRng(99);
    const n = 1_000_000;
    let beyond1 = 0;
    let beyond2 = 0;
    let beyond3 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      const a = Math.abs(z);
      if (a > 1) beyond1++;
      if (a > 2) beyond2++;
      if (a > 3) beyond3++;
      m4 += z ** 4;
    }
    // P(|Z| > 1, 2, 3) = 0.3173, 0.0455, 0.0027; kurtosis 3.
    expect(beyond1 / n).toBeCloseTo(0.3173, 2);
    expect(beyond2 / n).toBeCloseTo(0.0455, 3);
    expect(beyond3 / n).toBeGreaterThan(0.0022);
    expect(beyond3 / n).toBeLessThan(0.0032);
    expect(m4 / n).toBeCloseTo(3, 1);
  });

  it('keep all their state in the shared words, so copying the words forks the stream', () => {
    const rng = createRng(5);
    draw(rng, 3);
    const words = (rng as unknown as { words: Uint32Array }).words;
    const copy = new StreamRng(words.slice(), 0);
    expect(draw(copy, 10)).toEqual(draw(rng, 10));
  });
});
