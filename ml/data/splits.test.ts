import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WindowSet } from '../window-set.ts';
import { classWeights, oversampleMinority } from './imbalance.ts';
import { seededRng } from './rng.ts';
import { splitByGroup, splitByTime, splitStratified } from './splits.ts';
import { emptyWindows, targetColumn } from './window-ops.ts';

/** n one-step windows: x = index, group = index mod groups, time = index, y = label(index). */
function windows(n: number, groups: number, label: (i: number) => number = () => 0): WindowSet {
  const ws = emptyWindows(n, 1, ['a'], ['y']);
  for (let i = 0; i < n; i++) {
    ws.x[i] = i;
    ws.y[i] = label(i);
    ws.group[i] = i % groups;
    ws.time[i] = i;
  }
  return ws;
}
const parts = (s: { train: WindowSet; validation: WindowSet; test: WindowSet }) => [s.train, s.validation, s.test];

describe('splits', () => {
  it('never puts one group in two parts, and keeps every window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 40 }), fc.integer({ min: 3, max: 200 }), fc.nat(), (groups, n, seed) => {
        const ws = windows(Math.max(n, groups), groups);
        const s = splitByGroup(ws, { validation: 0.2, test: 0.2 }, seededRng(seed));
        const sets = parts(s).map((p) => new Set(p.group));
        for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) expect([...sets[a]!].filter((g) => sets[b]!.has(g))).toEqual([]);
        expect(parts(s).reduce((k, p) => k + p.n, 0)).toBe(ws.n);
        expect(s.train.n).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });

  it('is reproducible from the seed and changes with it', () => {
    const ws = windows(100, 20);
    const g = (seed: number) => [...new Set(splitByGroup(ws, { validation: 0.2, test: 0.2 }, seededRng(seed)).test.group)];
    expect(g(1)).toEqual(g(1));
    expect([2, 3, 4, 5].some((s) => g(s).join() !== g(1).join())).toBe(true);
  });

  it('cuts on time with a gap, so no time range is in two parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 300 }), fc.integer({ min: 0, max: 10 }), (n, gap) => {
        const s = splitByTime(windows(n, 1), { validation: 0.2, test: 0.2 }, gap);
        const [tr, va, te] = parts(s);
        const max = (p: WindowSet) => Math.max(...p.time);
        const min = (p: WindowSet) => Math.min(...p.time);
        if (va!.n > 0) expect(min(va!) - max(tr!)).toBeGreaterThan(gap);
        if (te!.n > 0) expect(min(te!) - Math.max(max(tr!), va!.n ? max(va!) : -Infinity)).toBeGreaterThan(gap);
      }),
      { numRuns: 60 },
    );
    const s = splitByTime(windows(100, 1), { validation: 0.2, test: 0.2 }, 5);
    expect([s.train.n, s.validation.n, s.test.n]).toEqual([60, 15, 15]); // 2 × 5 windows dropped in the gaps
  });

  it('keeps the class ratio in every part of a stratified split', () => {
    const ws = windows(200, 1, (i) => (i % 10 === 0 ? 1 : 0)); // 10 % positives
    const s = splitStratified(ws, { validation: 0.25, test: 0.25 }, seededRng(9));
    for (const p of parts(s)) {
      const pos = targetColumn(p).reduce((a, v) => a + v, 0);
      expect(pos / p.n).toBeCloseTo(0.1, 2);
    }
    expect(s.test.n).toBe(50);
    expect(new Set([...s.train.x, ...s.validation.x, ...s.test.x]).size).toBe(200); // each window once
  });

  it('rejects fractions that leave no training data', () => {
    expect(() => splitByTime(windows(10, 1), { validation: 0.5, test: 0.5 })).toThrow(/leave some training data/);
  });
});

describe('class imbalance', () => {
  const ws = windows(100, 1, (i) => (i < 20 ? 1 : 0));

  it('weights classes by n / (2·n_c)', () => {
    expect(classWeights(ws)).toEqual({ negative: 100 / 160, positive: 100 / 40 });
  });

  it('oversamples the minority class until the classes are even, drawing only existing windows', () => {
    const o = oversampleMinority(ws, seededRng(1));
    const y = targetColumn(o);
    expect(o.n).toBe(160);
    expect(y.reduce((a, v) => a + v, 0)).toBe(80);
    for (let i = 100; i < o.n; i++) expect(o.x[i]).toBeLessThan(20); // duplicates of positives 0..19
  });
});
