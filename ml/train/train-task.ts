/**
 * One entry point per task: `trainTask(task, split, opts)` trains the task's model on already-scaled
 * windows and returns a `TaskModel`; `loadTaskModel(dir)` restores one saved with `model.save(dir)`.
 * The CLI (`twin train`, `twin tune`) codes against this file only.
 *
 * @example
 * const { model } = await trainTask('rul', split, { epochs: 40, seed: 7 });
 * const rul = model.predict(split.test); // n × 1, in the targets' unit
 * await model.save('models/rul');
 */
import type { Split, TaskName } from '../window-set.ts';
import type { TaskModel, TrainOptions, TrainProgress } from './task-model.ts';
import { initBackend } from '../tf/backend.ts';
import { NetModel } from '../models/net-model.ts';
import { RECIPES } from './recipes.ts';
import { trainNet } from './train-net.ts';
import { normalOnly } from './normal-only.ts';
import { EnsembleModel } from './ensemble.ts';
import { chooseModel, validationScore, type ModelChoice } from './model-choice.ts';
import { trainTrees } from './train-trees.ts';
import { TREES_FILE, TreeModel } from '../trees/tree-model.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type { TaskModel, TrainOptions, TrainProgress } from './task-model.ts';
export type { ModelChoice } from './model-choice.ts';

/**
 * Trains the model of `task` on `split.train`, keeping the weights of the best validation epoch.
 * Outputs: rul → the targets (e.g. RUL); defects/failure → calibrated probabilities per target;
 * anomaly → [score (error / threshold), anomaly 0|1], trained on windows whose targets are all 0;
 * forecast → the targets (future values). With `opts.model` 'trees' a classification task gets a
 * tree ensemble instead; with 'auto' both are trained and the one of better validation PR-AUC is
 * returned with the `choice` (the test part is never read: it is for scoring the winner afterwards).
 */
export async function trainTask(
  task: TaskName,
  split: Split,
  opts: TrainOptions,
  onProgress?: (p: TrainProgress) => void,
): Promise<{ model: TaskModel; history: { loss: number[]; valLoss: number[] }; choice?: ModelChoice }> {
  const kind = opts.model ?? 'net';
  if (kind !== 'net' && task !== 'failure' && task !== 'defects') throw new Error(`trainTask: model "${kind}" is for the classification tasks (failure, defects), not ${task}`);
  if (kind === 'trees') return trainTrees(task, split, opts);
  if (kind === 'auto' && split.validation.n === 0) throw new Error('trainTask: model "auto" chooses on validation rows, and the split has none');
  await initBackend();
  const data = task === 'anomaly' ? { train: normalOnly(split.train), validation: normalOnly(split.validation), test: split.test } : split;
  const net = await trainNet(task, data, RECIPES[task], opts, onProgress);
  if (kind === 'net') return net;
  const trees = trainTrees(task, split, opts);
  const choice = chooseModel({ net: validationScore(net.model.predict(split.validation), split.validation), trees: validationScore(trees.model.predict(split.validation), split.validation) });
  const [keep, drop] = choice.winner === 'trees' ? [trees, net] : [net, trees];
  drop.model.dispose();
  return { ...keep, choice };
}

/** Loads a model saved by `TaskModel.save(dir)`: a network, trees (trees.json), or a seed ensemble saved as members `dir/0`, `dir/1`, …. */
export async function loadTaskModel(dir: string): Promise<TaskModel> {
  if (existsSync(path.join(dir, TREES_FILE))) return TreeModel.load(dir);
  await initBackend();
  if (existsSync(path.join(dir, 'model.json'))) return NetModel.load(dir);
  const members: NetModel[] = [];
  while (existsSync(path.join(dir, String(members.length), 'model.json'))) members.push(await NetModel.load(path.join(dir, String(members.length))));
  if (members.length === 0) throw new Error(`${dir}: no model.json`);
  return new EnsembleModel(members);
}
