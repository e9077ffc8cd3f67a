import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTable } from '../data/table.ts';
import { seededRng } from '../data/rng.ts';
import { TreeModel } from '../trees/tree-model.ts';
import type { Split, WindowSet } from '../window-set.ts';
import { averagePrecision, bestF1Cut, chooseModel } from './model-choice.ts';
import { loadTaskModel, trainTask } from './train-task.ts';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

/** A machine table: a category whose "H" units fail when hot, a numeric load that fails everyone when high, and noise. */
function machineCsv(n: number, seed: number): string {
  const rng = seededRng(seed, 'machines');
  const rows = ['id,type,temp_c,load,noise,failed'];
  for (let i = 0; i < n; i++) {
    const type = ['L', 'M', 'H'][Math.floor(rng.uniform() * 3)]!;
    const temp = 40 + 30 * rng.uniform();
    const load = rng.uniform();
    const failed = (type === 'H' && temp > 62) || load > 0.93 ? 1 : 0;
    rows.push(`m${i},${type},${rng.uniform() < 0.05 ? '' : temp.toFixed(2)},${load.toFixed(3)},${rng.uniform().toFixed(3)},${failed}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('validation figures', () => {
  it('average precision sums precision at each new recall step, a tie counting as one step', () => {
    // From the top: 1 (P 1, R 1/2), 0, 1 (P 2/3, R 1): AP = 1/2 · 1 + 1/2 · 2/3.
    expect(averagePrecision([1, 0, 1], [0.9, 0.8, 0.7])).toBeCloseTo(0.5 + 1 / 3, 12);
    // All tied: one step at P 2/3, R 1.
    expect(averagePrecision([1, 0, 1], [0.5, 0.5, 0.5])).toBeCloseTo(2 / 3, 12);
    expect(averagePrecision([0, 0], [0.1, 0.2])).toBeNaN();
    expect(() => averagePrecision([1], [0.1, 0.2])).toThrow('1 labels for 2 scores');
  });

  it('the best-F1 cut-off is a score of the set; flagging from it gives that F1', () => {
    // Cut at 0.7 flags 3 rows with 2 of the 2 positives: F1 = 4/5; at 0.9: 2/3.
    expect(bestF1Cut([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toEqual({ threshold: 0.7, f1: 0.8 });
  });

  it('picks the better validation PR-AUC; a tie keeps the network', () => {
    const s = (prAuc: number) => ({ prAuc, f1: 0, threshold: 0.5 });
    expect(chooseModel({ net: s(0.6), trees: s(0.8) }).winner).toBe('trees');
    expect(chooseModel({ net: s(0.8), trees: s(0.6) }).winner).toBe('net');
    expect(chooseModel({ net: s(0.7), trees: s(0.7) }).winner).toBe('net');
    expect(chooseModel({ net: s(Number.NaN), trees: s(0.1) }).winner).toBe('trees');
  });
});

describe('trees on a table', () => {
  const { split } = loadTable(machineCsv(3000, 1), 'machines.csv', { label: 'failed', id: ['id'] }, { validation: 0.2, test: 0.2 }, seededRng(1, 'table-split'));

  it('learns a rule on a one-hot category and a numeric column with gaps, and is saved and loaded as a task model', async () => {
    const { model } = await trainTask('failure', split, { model: 'trees', seed: 1 });
    expect(model).toBeInstanceOf(TreeModel);
    const p = model.predict(split.test);
    let ok = 0;
    for (let i = 0; i < split.test.n; i++) ok += (p[i]! >= 0.5 ? 1 : 0) === split.test.y[i] ? 1 : 0;
    expect(ok / split.test.n).toBeGreaterThanOrEqual(0.97);
    const top = (model as TreeModel).importance().slice(0, 3).map((x) => x.feature).sort();
    expect(top).toEqual(['load', 'temp_c', 'type=H']);
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-trees-'));
    dirs.push(dir);
    await model.save(dir);
    const loaded = await loadTaskModel(dir);
    expect(loaded.outputNames).toEqual(['failed']);
    expect(Array.from(loaded.predict(split.test))).toEqual(Array.from(p));
  });

  it('chooses between network and trees on validation only: another test part changes neither the choice nor its figures', async () => {
    const scrambled = (ws: WindowSet): WindowSet => ({ ...ws, y: ws.y.map((v) => 1 - v), x: ws.x.map((v, k) => ws.x[ws.x.length - 1 - k]! + v) });
    const other: Split = { ...split, test: scrambled(split.test) };
    const a = await trainTask('failure', split, { model: 'auto', seed: 2, epochs: 8 });
    const b = await trainTask('failure', other, { model: 'auto', seed: 2, epochs: 8 });
    expect(a.choice).toBeDefined();
    expect(b.choice).toEqual(a.choice);
    expect(a.choice!.criterion).toBe('validation_pr_auc');
    expect(a.choice!.winner).toBe(a.model instanceof TreeModel ? 'trees' : 'net');
    // Trees split exactly on the one-hot type and the thresholds; 8 epochs of the network do not.
    expect(a.choice!.validation.trees.prAuc).toBeGreaterThan(a.choice!.validation.net.prAuc);
    a.model.dispose();
    b.model.dispose();
  });

  it('refuses trees for a regression task and a choice without validation rows', async () => {
    await expect(trainTask('rul', split, { model: 'trees' })).rejects.toThrow(/classification tasks .* not rul/);
    const none: Split = { ...split, validation: { ...split.validation, n: 0, x: new Float32Array(0), y: new Float32Array(0), group: new Int32Array(0), time: new Float64Array(0) } };
    await expect(trainTask('failure', none, { model: 'auto', epochs: 1 })).rejects.toThrow(/chooses on validation rows/);
  });
});
