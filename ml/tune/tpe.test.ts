import { describe, expect, it } from 'vitest';
import { normalCdf, sampleRandom, suggestTpe, type Observation, type SearchSpace } from './tpe.ts';

/** mulberry32: a tiny seeded U[0,1) stream, so every run of these tests sees the same numbers. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPACE: SearchSpace = {
  lr: { kind: 'loguniform', low: Math.log(1e-5), high: Math.log(1e-1) },
  d: { kind: 'uniform', low: 0, high: 0.5 },
  width: { kind: 'choice', options: [16, 32, 64, 128] },
};

function randomHistory(rng: () => number, n: number): Observation[] {
  return Array.from({ length: n }, (_, i) => ({
    args: sampleRandom(SPACE, rng),
    // now and then a diverged trial, which must be ignored
    loss: i % 7 === 3 ? Number.NaN : rng() * 10,
  }));
}

function expectInSpace(args: Record<string, number>): void {
  expect(Math.log(args['lr']!)).toBeGreaterThanOrEqual(Math.log(1e-5) - 1e-12);
  expect(Math.log(args['lr']!)).toBeLessThanOrEqual(Math.log(1e-1) + 1e-12);
  expect(args['d']).toBeGreaterThanOrEqual(0);
  expect(args['d']).toBeLessThanOrEqual(0.5);
  expect([16, 32, 64, 128]).toContain(args['width']);
}

/** The 2-D benchmark: best at lr = 1e-3, d = 0.1. */
const bowl = (a: Record<string, number>) => (Math.log(a['lr']!) - Math.log(1e-3)) ** 2 + (a['d']! - 0.1) ** 2;
const BOWL_SPACE: SearchSpace = { lr: SPACE['lr']!, d: SPACE['d']! };

function bestOf(trials: number, seed: number, suggest: (h: Observation[], u: () => number) => Record<string, number>): number {
  const u = mulberry32(seed);
  const history: Observation[] = [];
  for (let t = 0; t < trials; t++) {
    const args = suggest(history, u);
    history.push({ args, loss: bowl(args) });
  }
  return Math.min(...history.map((h) => h.loss));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe('TPE suggestions', () => {
  it('always lie inside the bounds and among the options', () => {
    const rng = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      const history = randomHistory(rng, Math.floor(rng() * 40));
      expectInSpace(suggestTpe(SPACE, history, rng));
    }
  });

  it('are the same for the same space, history and random stream', () => {
    const history = randomHistory(mulberry32(1), 20);
    expect(suggestTpe(SPACE, history, mulberry32(99))).toEqual(suggestTpe(SPACE, history, mulberry32(99)));
    expect(suggestTpe(SPACE, history, mulberry32(99))).not.toEqual(suggestTpe(SPACE, history, mulberry32(100)));
  });

  it('are plain random draws until `startup` trials have a finite loss', () => {
    // four finite losses plus a diverged one: still short of the default five
    const history = randomHistory(mulberry32(3), 5).map((h, i) => (i === 2 ? { ...h, loss: Number.POSITIVE_INFINITY } : h));
    expect(suggestTpe(SPACE, history, mulberry32(5))).toEqual(sampleRandom(SPACE, mulberry32(5)));
    expect(suggestTpe(SPACE, history.slice(0, 3), mulberry32(5), { startup: 2 })).not.toEqual(sampleRandom(SPACE, mulberry32(5)));
  });

  it('find a better point than random search in 30 trials (median best loss over 40 seeds)', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => 1000 + i);
    const tpe = median(seeds.map((s) => bestOf(30, s, (h, u) => suggestTpe(BOWL_SPACE, h, u))));
    const random = median(seeds.map((s) => bestOf(30, s, (_h, u) => sampleRandom(BOWL_SPACE, u))));
    // Best-of-30 losses are heavy-tailed, so the median is over 40 seeds: on five disjoint sets of 40
    // (1000…, 2000…, …, 5000…) the ratio TPE / random was 0.43, 0.18, 0.14, 0.24 and 0.16 (this set is
    // the worst of them: 0.0126 against 0.0291). A broken density (l and g swapped) lands above random.
    expect(tpe).toBeLessThan(0.6 * random);
  });

  it('learn which option of a choice is good', () => {
    const space: SearchSpace = { width: SPACE['width']!, d: SPACE['d']! };
    const u = mulberry32(42);
    const history: Observation[] = [];
    let picks32 = 0;
    for (let t = 0; t < 25; t++) {
      const args = suggestTpe(space, history, u);
      if (t >= 5 && args['width'] === 32) picks32++;
      history.push({ args, loss: args['width'] === 32 ? 0 : 1 });
    }
    // random would pick it in a quarter of the 20 later suggestions; measured 18 (16–19 over seeds 1–5)
    expect(picks32).toBeGreaterThanOrEqual(12);
  });
});

describe('normalCdf', () => {
  it('matches Φ to the accuracy of Abramowitz–Stegun 7.1.26', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.841344746, 6);
    expect(normalCdf(-1.959963985)).toBeCloseTo(0.025, 6);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 6);
  });
});
