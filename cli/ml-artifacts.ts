/**
 * What a training run leaves in its folder: the model (TF.js format, written by the model itself),
 * preprocess.json, metrics.json, learning-curves.html and, given the training windows, reference.json
 * (the drift reference of the inputs, ml/drift/reference-file.ts). Written either to `--out` or as a new
 * version in the model registry.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driftReferenceSample, writeDriftReference } from '../ml/drift/reference-file.ts';
import { ModelRegistry, type ModelVersion } from '../ml/registry/registry.ts';
import type { ModelChoice, TaskModel, TrainOptions } from '../ml/train/train-task.ts';
import type { WindowSet } from '../ml/window-set.ts';
import { learningCurvesHtml } from './ml-curves.ts';
import { PREPROCESS_FILE, type Preprocess } from './ml-preprocess.ts';

/** Everything a finished run has to save. */
export interface RunArtifacts {
  readonly model: TaskModel;
  readonly pre: Preprocess;
  readonly metrics: Readonly<Record<string, number>>;
  readonly history: { loss: readonly number[]; valLoss: readonly number[] };
  readonly hyperparameters: TrainOptions;
  readonly datasetFingerprint: string;
  readonly summary: string;
  /** The unscaled training windows (before any oversampling); when given, reference.json is written from them. */
  readonly trainWindows?: WindowSet;
  /** Network against trees on validation (`twin train --model auto`), kept in metrics.json. */
  readonly choice?: ModelChoice;
}

/** Writes the run's files into `dir`. */
export async function writeRun(dir: string, a: RunArtifacts): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await a.model.save(dir);
  writeFileSync(join(dir, PREPROCESS_FILE), `${JSON.stringify(a.pre, null, 2)}\n`);
  const metrics = { task: a.pre.task, data: a.summary, datasetFingerprint: a.datasetFingerprint, hyperparameters: a.hyperparameters, ...(a.choice ? { modelChoice: a.choice } : {}), test: a.metrics, history: a.history };
  writeFileSync(join(dir, 'metrics.json'), `${JSON.stringify(metrics, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  writeFileSync(join(dir, 'learning-curves.html'), learningCurvesHtml(`twin train ${a.pre.task}: ${a.summary}`, a.history, a.metrics));
  if (a.trainWindows !== undefined) await writeDriftReference(dir, driftReferenceSample(a.trainWindows, { seed: a.hyperparameters.seed ?? 0 }));
}

/** Saves to `out` when given, else as a new registry version; returns the folder and the version. */
export async function saveRun(a: RunArtifacts, out: string | undefined, registryDir: string | undefined): Promise<{ dir: string; version?: ModelVersion }> {
  if (out !== undefined) {
    await writeRun(out, a);
    return { dir: out };
  }
  const registry = new ModelRegistry(registryDir);
  const name = `${a.pre.task}-${a.pre.data.format === 'sim' ? a.pre.data.kind : a.pre.data.format}`;
  const finite = Object.fromEntries(Object.entries(a.metrics).filter(([, v]) => Number.isFinite(v)));
  const version = await registry.register(a.pre.task, { name, datasetFingerprint: a.datasetFingerprint, hyperparameters: { ...a.hyperparameters }, metrics: finite }, (dir) => writeRun(dir, a));
  return { dir: registry.dir(a.pre.task, version.version), version };
}
