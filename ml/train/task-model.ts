/**
 * What training takes and gives, apart from how: the options, the progress reports and the trained
 * model's interface. Its own module so the trainers (train-net.ts, ensemble.ts, models/net-model.ts)
 * and the entry point (train-task.ts) that picks among them do not import each other.
 */
import type { TaskName, WindowSet } from '../window-set.ts';

/** Hyperparameters every task accepts; unset ones take the task's defaults (train/recipes.ts). */
export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  hidden?: number;
  dropout?: number;
  seed?: number;
  maxMinutes?: number;
  /**
   * Classification tasks: train the network (default), the tree ensemble, or both and keep the one of
   * better validation PR-AUC ('auto', train/model-choice.ts).
   */
  model?: 'net' | 'trees' | 'auto';
}

/** One progress report per epoch. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss?: number;
  elapsedMs: number;
}

/** A trained model of one task. */
export interface TaskModel {
  readonly task: TaskName;
  /** Row-major `n × outputNames.length` predictions. */
  predict(ws: WindowSet): Float32Array;
  save(dir: string): Promise<void>;
  dispose(): void;
  readonly outputNames: readonly string[];
}
