import { describe, expect, it } from 'vitest';
import { candidateEdges, laggedCorrelation } from './candidate-edges.ts';
import type { SensorBins } from './series.ts';

/** A small seeded generator (mulberry32) and standard normals from it: the test is reproducible. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u() + 1e-12)) * Math.cos(2 * Math.PI * u());
}
const bins = (values: number[]): SensorBins => ({ startS: 0, binS: 60, values: Float64Array.from(values) });
function randomWalk(n: number, rnd: () => number): number[] {
  const out = [0];
  for (let i = 1; i < n; i++) out.push(out[i - 1]! + rnd());
  return out;
}

describe('candidate edges from lagged cross-correlation', () => {
  const N = 360;
  const rnd = normals(7);
  const cause = randomWalk(N, rnd);
  // The effect follows the cause 5 bins later, with its own noise; the third variable is independent.
  const effect = cause.map((_, i) => (i >= 5 ? -2 * cause[i - 5]! : 0) + 0.3 * rnd());
  const noise = randomWalk(N, normals(99));
  const series = [
    { variable: 'variable:L.cause', bins: bins(cause) },
    { variable: 'variable:L.effect', bins: bins(effect) },
    { variable: 'variable:L.noise', bins: bins(noise) },
  ];

  it('finds a lagged copy with its lag, its sign and the direction cause → effect only', () => {
    const found = candidateEdges(series, () => false);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ from: 'variable:L.cause', to: 'variable:L.effect', sign: -1, lagBins: 5, lagS: 300 });
    expect(Math.abs(found[0]!.correlation)).toBeGreaterThan(0.8);
    expect(found[0]!.reverseCorrelation).toBeLessThan(0.3);
  });

  it('proposes nothing between independent series', () => {
    expect(candidateEdges([series[0]!, series[2]!], () => false)).toEqual([]);
  });

  it('leaves out the pairs the graph already joins', () => {
    expect(candidateEdges(series, (f, t) => f === 'variable:L.cause' && t === 'variable:L.effect')).toEqual([]);
  });

  it('skips empty bins instead of counting them', () => {
    const x = Float64Array.from([1, NaN, 3, 4]);
    expect(laggedCorrelation(x, x, 0)).toEqual({ r: expect.closeTo(1, 9), pairs: 3 });
  });
});
