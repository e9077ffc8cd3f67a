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
import { existsSync } from 'node:fs';
import path from 'node:path';

export type { TaskModel, TrainOptions, TrainProgress } from './task-model.ts';

/**
 * Trains the model of `task` on `split.train`, keeping the weights of the best validation epoch.
 * Outputs: rul → the targets (e.g. RUL); defects/failure → calibrated probabilities per target;
 * anomaly → [score (error / threshold), anomaly 0|1], trained on windows whose targets are all 0;
 * forecast → the targets (future values).
 */
export async function trainTask(
  task: TaskName,
  split: Split,
  opts: TrainOptions,
  onProgress?: (p: TrainProgress) => void,
): Promise<{ model: TaskModel; history: { loss: number[]; valLoss: number[] } }> {
  await initBackend();
  const data = task === 'anomaly' ? { train: normalOnly(split.train), validation: normalOnly(split.validation), test: split.test } : split;
  return trainNet(task, data, RECIPES[task], opts, onProgress);
}

/** Loads a model saved by `TaskModel.save(dir)` (an ensemble is saved as members `dir/0`, `dir/1`, …). */
export async function loadTaskModel(dir: string): Promise<TaskModel> {
  await initBackend();
  if (existsSync(path.join(dir, 'model.json'))) return NetModel.load(dir);
  const members: NetModel[] = [];
  while (existsSync(path.join(dir, String(members.length), 'model.json'))) members.push(await NetModel.load(path.join(dir, String(members.length))));
  if (members.length === 0) throw new Error(`${dir}: no model.json`);
  return new EnsembleModel(members);
}
