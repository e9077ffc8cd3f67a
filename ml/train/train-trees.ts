/**
 * Trains a `TreeModel` (ml/trees/) on a Split of a classification task: one boosted ensemble per
 * target on the flattened windows, early-stopped on validation, then a temperature per target fitted
 * on the validation margins, as the network's classifier head is.
 */
import { seededRng } from '../data/rng.ts';
import { predictMargin, trainGbdt, type GbdtParams } from '../trees/gbdt.ts';
import { TreeModel } from '../trees/tree-model.ts';
import type { Split, TaskName, WindowSet } from '../window-set.ts';
import { fitTemperatures } from './calibrate.ts';
import type { TrainOptions } from './task-model.ts';

function target(ws: WindowSet, j: number): Uint8Array {
  return Uint8Array.from({ length: ws.n }, (_, i) => (ws.y[i * ws.targets + j]! >= 0.5 ? 1 : 0));
}

/** Trains the trees of `task` (failure or defects); `params` override `GBDT_DEFAULTS`; of `opts` only the seed is used (row and column sampling). */
export function trainTrees(task: TaskName, split: Split, opts: TrainOptions, params: Partial<GbdtParams> = {}): { model: TreeModel; history: { loss: number[]; valLoss: number[] } } {
  if (task !== 'failure' && task !== 'defects') throw new Error(`trainTrees: trees answer the classification tasks (failure, defects), not ${task}`);
  const tr = split.train;
  const va = split.validation;
  const f = tr.steps * tr.features;
  const seed = opts.seed ?? 1;
  const boosters = Array.from({ length: tr.targets }, (_, j) => trainGbdt(
    { n: tr.n, f, x: tr.x, y: target(tr, j) },
    va.n > 0 ? { n: va.n, f, x: va.x, y: target(va, j) } : undefined,
    // The network's epochs and learning rate do not carry over: trees keep their own defaults.
    params,
    seededRng(seed, `gbdt-${j}`),
  ));
  const v = va.n > 0 ? va : tr;
  const width = tr.targets;
  const margins = new Float32Array(v.n * width);
  boosters.forEach((b, j) => predictMargin(b, v.x, v.n).forEach((m, i) => { margins[i * width + j] = m; }));
  const names = tr.featureNames.length === f ? tr.featureNames : Array.from({ length: f }, (_, k) => `${tr.featureNames[k % tr.features]}@${Math.floor(k / tr.features)}`);
  const model = new TreeModel(boosters, {
    task,
    outputNames: tr.targetNames,
    featureNames: names,
    temperature: fitTemperatures(margins, v.y, width),
    notes: { trees: boosters.map((b) => b.trees.length).join(','), bestRound: boosters[0]!.bestRound },
  });
  // The first target's curves stand for the run (a table has one label).
  return { model, history: { loss: [...boosters[0]!.trainLoss], valLoss: [...boosters[0]!.valLoss] } };
}
