/**
 * One training run from loaded data: balance the training part (if asked), fit the scaler on it,
 * train (for a table: the network and the tree ensemble, keeping the better on validation), choose
 * decision thresholds on validation, and only then score the test part.
 */
import { oversampleMinority } from '../ml/data/imbalance.ts';
import { seededRng } from '../ml/data/rng.ts';
import { scaleSplit } from '../ml/data/scaler.ts';
import { SIM_RUL_CAP_H } from '../ml/data/sim-dataset.ts';
import { targetCapOf } from '../ml/live/rul-answer.ts';
import { NetModel } from '../ml/models/net-model.ts';
import { datasetFingerprint } from '../ml/registry/fingerprint.ts';
import { trainTask, type ModelChoice, type TaskModel, type TrainOptions, type TrainProgress } from '../ml/train/train-task.ts';
import type { TaskName } from '../ml/window-set.ts';
import type { TrainData } from './ml-data.ts';
import type { Preprocess } from './ml-preprocess.ts';
import { chooseThresholds, taskMetrics } from './ml-scores.ts';
import { UsageError } from './usage-error.ts';

/** Class-imbalance handling of the training part: the trainer's class weights (default), oversampling, or none. */
export type Balance = 'weights' | 'oversample';

/** `--balance` flag value. */
export function balanceFlag(value: string | undefined): Balance {
  if (value === undefined || value === 'weights') return 'weights';
  if (value === 'oversample') return 'oversample';
  throw new UsageError(`--balance: "${value}" is not weights or oversample`);
}

/** A finished run, not yet saved. */
export interface TrainedRun {
  readonly model: TaskModel;
  readonly pre: Preprocess;
  readonly metrics: Record<string, number>;
  readonly validationMetrics: Record<string, number>;
  readonly history: { loss: number[]; valLoss: number[] };
  readonly datasetFingerprint: string;
  /** With model 'auto': which kind won on validation, and both kinds' validation figures. */
  readonly choice?: ModelChoice;
  /** The options the run trained with, the model kind that was kept included. */
  readonly options: TrainOptions;
}

/** `--model` flag value: net, trees or auto; unset → auto for a table (trees are the reference on tabular data), else net. */
export function modelFlag(value: string | undefined, format: TrainData['spec']['format'], task: TaskName): NonNullable<TrainOptions['model']> {
  const classify = task === 'failure' || task === 'defects';
  if (value === undefined) return format === 'table' && classify ? 'auto' : 'net';
  if (value !== 'net' && value !== 'trees' && value !== 'auto') throw new UsageError(`--model: "${value}" is not net, trees or auto`);
  if (value !== 'net' && !classify) throw new UsageError(`--model: ${value} is for the classification tasks (failure, defects), not ${task}`);
  return value;
}

/** Trains `task` on `data`; `onProgress` gets one report per epoch. */
export async function trainOnData(task: TaskName, data: TrainData, opts: TrainOptions, balance: Balance, onProgress?: (p: TrainProgress) => void): Promise<TrainedRun> {
  const { split: raw } = data;
  if (raw.train.n === 0) throw new UsageError(`no training windows (${data.summary})`);
  const train = balance === 'oversample' && raw.train.targets === 1 ? oversampleMinority(raw.train, seededRng(opts.seed ?? 0, 'oversample')) : raw.train;
  const { scaler, split } = scaleSplit({ ...raw, train }, 'zscore');
  if (opts.model === 'auto' && split.validation.n === 0) throw new UsageError(`--model auto: chooses on validation rows and there are none (${data.summary})`);
  const { model, history, choice } = await trainTask(task, split, opts, onProgress);
  const validationPred = split.validation.n > 0 ? model.predict(split.validation) : new Float32Array(0);
  const thresholds = chooseThresholds(task, validationPred, split.validation);
  const pre: Preprocess = {
    version: 1,
    task,
    data: data.spec,
    featureNames: [...split.train.featureNames],
    targetNames: [...split.train.targetNames],
    scaler,
    ...(thresholds ? { thresholds } : {}),
  };
  const test = split.test.n > 0 ? split.test : split.validation;
  const metrics = taskMetrics(task, test.n > 0 ? model.predict(test) : new Float32Array(0), test, thresholds);
  const validationMetrics = taskMetrics(task, validationPred, split.validation, thresholds);
  // The RUL cap travels with the model (model.json), so live inference says "at least the cap" near it (ml/live/rul-answer.ts).
  const cap = data.spec.format === 'sim' ? (data.spec.capH ?? SIM_RUL_CAP_H) : data.spec.format === 'cmapss' ? data.spec.rulCap : undefined;
  if (task === 'rul' && model instanceof NetModel && cap !== undefined) model.meta.targetCap = targetCapOf(cap, metrics['mae']);
  // The fingerprint covers the raw held-out data, so two models scored on "the same data" really were.
  const options: TrainOptions = { ...opts, ...(choice ? { model: choice.winner } : {}) };
  return { model, pre, metrics, validationMetrics, history, datasetFingerprint: datasetFingerprint(raw.train, raw.validation, raw.test), ...(choice ? { choice } : {}), options };
}
