import { describe, expect, it } from 'vitest';
import type { Rng } from '../../physics/model.ts';
import { seededRng } from '../data/rng.ts';
import { binOf, binMatrix, fitBins } from './binning.ts';
import { predictMargin, trainGbdt, type GbdtData } from './gbdt.ts';
import { TreeModel } from './tree-model.ts';

/** n rows of f uniform features in [−1, 1), labelled by `rule`; `missing` is the share of NaN in feature 0. */
function table(n: number, f: number, rule: (x: Float32Array, rng: Rng) => number, seed: number, missing = 0): GbdtData {
  const rng = seededRng(seed, 'gbdt-test');
  const x = new Float32Array(n * f);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * f, (i + 1) * f);
    for (let j = 0; j < f; j++) row[j] = 2 * rng.uniform() - 1;
    if (missing > 0 && rng.uniform() < missing) row[0] = Number.NaN;
    y[i] = rule(row, rng);
  }
  return { n, f, x, y };
}

const probs = (m: Float64Array) => Array.from(m, (z) => 1 / (1 + Math.exp(-z)));
function accuracy(d: GbdtData, p: number[], t = 0.5): number {
  let ok = 0;
  for (let i = 0; i < d.n; i++) ok += (p[i]! >= t ? 1 : 0) === d.y[i] ? 1 : 0;
  return ok / d.n;
}
function f1At(d: GbdtData, p: number[], t: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < d.n; i++) {
    const flag = p[i]! >= t;
    if (flag && d.y[i] === 1) tp++; else if (flag) fp++; else if (d.y[i] === 1) fn++;
  }
  return (2 * tp) / (2 * tp + fp + fn);
}

describe('quantile binning', () => {
  it('gives each of a few distinct values its own bin, caps a continuous feature at 255 bins, and puts NaN in bin 0', () => {
    const n = 5000;
    const x = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) { x[2 * i] = i % 3; x[2 * i + 1] = i === 7 ? Number.NaN : Math.sin(i) * 100; }
    const b = fitBins(x, n, 2);
    expect(Array.from(b.edges[0]!)).toEqual([0, 1]);
    expect(b.edges[1]!.length).toBeLessThanOrEqual(254);
    expect(b.edges[1]!.length).toBeGreaterThan(200);
    const m = binMatrix(b, x, n, 2);
    expect([m[0], m[1], m[2]]).toEqual([1, 2, 3]);
    expect(m[n + 7]).toBe(0);
    expect(binOf(b.edges[1]!, 1e9)).toBe(b.edges[1]!.length + 1);
    expect(() => fitBins(x, n, 2, 256)).toThrow(/maxBins 256/);
  });
});

describe('gradient-boosted trees', () => {
  it('learns XOR, which no linear rule gets above 75 % right', () => {
    const xor = (r: Float32Array) => ((r[0]! > 0) !== (r[1]! > 0) ? 1 : 0);
    const b = trainGbdt(table(4000, 4, xor, 1), table(1000, 4, xor, 2), {}, seededRng(1));
    const test = table(2000, 4, xor, 3);
    expect(accuracy(test, probs(predictMargin(b, test.x, test.n)))).toBeGreaterThanOrEqual(0.95);
  });

  it('learns an AND of two thresholds and says the two features carry the gain', () => {
    const rule = (r: Float32Array) => (r[2]! > 0.3 && r[4]! < 0.5 ? 1 : 0);
    const b = trainGbdt(table(4000, 6, rule, 4), table(1000, 6, rule, 5), {}, seededRng(2));
    const test = table(2000, 6, rule, 6);
    expect(accuracy(test, probs(predictMargin(b, test.x, test.n)))).toBeGreaterThanOrEqual(0.98);
    const top = Array.from(b.importance, (g, j) => [g, j] as const).sort((a, c) => c[0] - a[0]).slice(0, 2).map(([, j]) => j).sort();
    expect(top).toEqual([2, 4]);
  });

  it('sends missing values the way that fits them: a missing reading that means failure is learned', () => {
    const rule = (r: Float32Array) => (Number.isNaN(r[0]!) || r[0]! > 0.5 ? 1 : 0);
    const b = trainGbdt(table(4000, 3, rule, 7, 0.3), table(1000, 3, rule, 8, 0.3), {}, seededRng(3));
    const test = table(2000, 3, rule, 9, 0.3);
    const p = probs(predictMargin(b, test.x, test.n));
    expect(accuracy(test, p)).toBeGreaterThanOrEqual(0.98);
    const nanRows = Array.from({ length: test.n }, (_, i) => i).filter((i) => Number.isNaN(test.x[i * 3]!));
    expect(nanRows.length).toBeGreaterThan(400);
    expect(Math.min(...nanRows.map((i) => p[i]!))).toBeGreaterThan(0.5);
  });

  it('finds a rare planted failure rule (3 % positives) with an F1 far above flagging everything', () => {
    // Tool wear × torque above a limit, as overstrain fails in a machining process, plus 0.2 % random failures.
    const rule = (r: Float32Array, rng: Rng) => ((r[0]! + 1) * (r[1]! + 1) > 3.05 || rng.uniform() < 0.002 ? 1 : 0);
    const train = table(8000, 5, rule, 10);
    const val = table(2000, 5, rule, 11);
    const test = table(4000, 5, rule, 12);
    const rate = Array.from(train.y).reduce((a, v) => a + v, 0) / train.n;
    expect(rate).toBeGreaterThan(0.02);
    expect(rate).toBeLessThan(0.045);
    const b = trainGbdt(train, val, {}, seededRng(4));
    // The cut-off is the validation one of best F1; the test only scores it.
    const pv = probs(predictMargin(b, val.x, val.n));
    let t = 0.5;
    let best = -1;
    for (let c = 0.02; c < 0.99; c += 0.01) { const f = f1At(val, pv, c); if (f > best) { best = f; t = c; } }
    const f1 = f1At(test, probs(predictMargin(b, test.x, test.n)), t);
    const flagAll = (2 * rate) / (1 + rate);
    expect(f1).toBeGreaterThanOrEqual(0.8);
    expect(f1).toBeGreaterThan(10 * flagAll);
  });

  it('is deterministic for a seed, and the seed drives row and column sampling', () => {
    const rule = (r: Float32Array) => (r[0]! * r[1]! > 0.1 ? 1 : 0);
    const train = table(2000, 4, rule, 13);
    const val = table(500, 4, rule, 14);
    const a = trainGbdt(train, val, { rounds: 40 }, seededRng(5));
    const b = trainGbdt(train, val, { rounds: 40 }, seededRng(5));
    const c = trainGbdt(train, val, { rounds: 40 }, seededRng(6));
    expect(Array.from(predictMargin(b, val.x, val.n))).toEqual(Array.from(predictMargin(a, val.x, val.n)));
    expect(Array.from(predictMargin(c, val.x, val.n))).not.toEqual(Array.from(predictMargin(a, val.x, val.n)));
  });

  it('stops early on validation and keeps the trees of the best round', () => {
    const noise = (_: Float32Array, rng: Rng) => (rng.uniform() < 0.3 ? 1 : 0);
    const b = trainGbdt(table(2000, 4, noise, 15), table(500, 4, noise, 16), { rounds: 300, earlyStoppingRounds: 10 }, seededRng(7));
    expect(b.valLoss.length).toBeLessThan(300);
    expect(b.trees.length).toBe(b.bestRound);
    expect(b.valLoss.length - b.bestRound).toBe(10);
  });

  it('names the setting or the data that is wrong', () => {
    const d = table(50, 2, (r) => (r[0]! > 0 ? 1 : 0), 17);
    expect(() => trainGbdt(d, undefined, { maxDepth: 0 }, seededRng(1))).toThrow(/maxDepth 0/);
    expect(() => trainGbdt(d, undefined, { subsample: 1.5 }, seededRng(1))).toThrow(/subsample 1.5/);
    expect(() => trainGbdt({ ...d, y: Array.from(d.y, (v, i) => (i === 3 ? 2 : v)) }, undefined, {}, seededRng(1))).toThrow(/label of row 3 is 2/);
    expect(() => trainGbdt({ ...d, n: 49 }, undefined, {}, seededRng(1))).toThrow(/x has 100 values/);
  });
});

describe('TreeModel JSON', () => {
  it('round-trips to identical predictions, missing values included', async () => {
    const rule = (r: Float32Array) => (Number.isNaN(r[0]!) || r[0]! + r[1]! > 0.4 ? 1 : 0);
    const train = table(2000, 3, rule, 18, 0.1);
    const b = trainGbdt(train, table(500, 3, rule, 19, 0.1), { rounds: 50 }, seededRng(8));
    const model = new TreeModel([b], { task: 'failure', outputNames: ['failed'], featureNames: ['a', 'b', 'c'], temperature: [1.3] });
    const test = table(1000, 3, rule, 20, 0.1);
    const ws = { n: test.n, steps: 1, features: 3, x: test.x, featureNames: ['a', 'b', 'c'], targets: 1, y: Float32Array.from(test.y), targetNames: ['failed'], group: new Int32Array(test.n), time: new Float64Array(test.n) };
    const back = TreeModel.fromJson(model.toJson());
    expect(Array.from(back.predict(ws))).toEqual(Array.from(model.predict(ws)));
    expect(back.importance()).toEqual(model.importance());
    expect(() => TreeModel.fromJson('{"format":"twinworks-net/1"}', 'm/trees.json')).toThrow(/m\/trees\.json: not a twinworks-trees\/1 model/);
  });
});
