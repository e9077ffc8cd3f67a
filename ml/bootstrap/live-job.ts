/**
 * Training one live model: scale with a scaler fitted on the training part, train the task's network
 * (ml/train/train-task.ts) with small live hyperparameters, score the test part, and write the folder
 * the registry keeps: the model, preprocess.json (the same shape `twin train` writes, so `twin evaluate`
 * reads it), metrics.json, and reference.json: a sample of the training inputs a drift monitor compares
 * live inputs with (ml/drift/reference-file.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scaleSplit, type Scaler } from '../data/scaler.ts';
import { driftReferenceSample, writeDriftReference } from '../drift/reference-file.ts';
import type { LiveTask } from '../live/live-types.ts';
import { NetModel } from '../models/net-model.ts';
import { trainTask, type TrainOptions, type TrainProgress } from '../train/train-task.ts';
import type { Split } from '../window-set.ts';
import { targetCapOf } from '../live/rul-answer.ts';
import { LIVE_LABELS, LIVE_RUL_CAP_H } from './live-data.ts';
import { liveMetrics } from './live-metrics.ts';

/**
 * Live defaults: narrow layers and a short loop. On the reference plant (2 cores, wasm) one model of
 * ~4 000 windows trains in a few seconds and scores close to the recipe's defaults, whose 64-wide
 * layers and 60–100 epochs take minutes per model.
 */
export const LIVE_TRAIN_OPTIONS: Readonly<TrainOptions> = { epochs: 20, batchSize: 128, hidden: 32, learningRate: 0.003 };

/** A trained live model with what the registry stores about it. */
export interface LiveJobResult {
  readonly model: NetModel;
  readonly scaler: Scaler;
  readonly metrics: Record<string, number>;
  readonly history: { loss: number[]; valLoss: number[] };
}

/** Trains the (kind, task) model on a raw (unscaled) split. */
export async function trainLiveJob(task: LiveTask, split: Split, opts: TrainOptions, onEpoch?: (p: TrainProgress) => void): Promise<LiveJobResult> {
  const { scaler, split: scaled } = scaleSplit(split, 'zscore');
  const { model, history } = await trainTask(task, scaled, opts, onEpoch);
  if (!(model instanceof NetModel)) { model.dispose(); throw new Error(`${task}: expected a single network, got an ensemble`); }
  const test = scaled.test.n > 0 ? scaled.test : scaled.validation;
  const metrics = liveMetrics(task, model.predict(test), test);
  // The cap is part of what the model means: saved in model.json so every reader of its answers censors them the same way.
  if (task === 'rul') model.meta.targetCap = targetCapOf(LIVE_RUL_CAP_H, metrics['mae']);
  return { model, scaler, metrics, history };
}

/** What preprocess.json records about the data, as `twin train --from-sim` does. */
export interface LiveDataSpec {
  readonly scenario: string;
  readonly kind: string;
  readonly windowSteps: number;
}

/** Writes the registry folder of a trained live model. */
export async function writeLiveJob(dir: string, task: LiveTask, r: LiveJobResult, split: Split, data: LiveDataSpec, extra: { hyperparameters: Record<string, unknown>; datasetFingerprint: string }): Promise<void> {
  await mkdir(dir, { recursive: true });
  await r.model.save(dir);
  const pre = {
    version: 1,
    task,
    // The label options too (horizon, RUL cap, defect causes, anomaly grey zone), so `twin evaluate` cuts the same labels.
    data: { format: 'sim', ...data, ...LIVE_LABELS[task] },
    featureNames: [...split.train.featureNames],
    targetNames: [...split.train.targetNames],
    scaler: r.scaler,
  };
  await writeFile(path.join(dir, 'preprocess.json'), `${JSON.stringify(pre, null, 2)}\n`);
  const metrics = { task, kind: data.kind, data: `${data.scenario} simulation, ${split.train.n}/${split.validation.n}/${split.test.n} windows`, ...extra, test: r.metrics, history: r.history };
  await writeFile(path.join(dir, 'metrics.json'), `${JSON.stringify(metrics, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  // The unscaled training part, sampled with the training seed: what the model learnt its inputs from.
  const seed = extra.hyperparameters['seed'];
  await writeDriftReference(dir, driftReferenceSample(split.train, { seed: typeof seed === 'number' ? seed : 0 }));
}
