/**
 * What crosses the thread boundary between train-in-worker.ts (the parent) and worker.ts: the
 * options in `workerData` and the messages posted back. Its own module so the worker does not
 * import the file that starts it (that one names the worker by `new URL`, which is an import too).
 */
import type { LiveTask } from '../live/live-types.ts';
import type { LiveDefaultsResult, LiveProgress } from './live-defaults.ts';

/** Plain-data options (they cross the thread boundary): the scenario by library name or path, the registry by folder. */
export interface TrainInWorkerOptions {
  readonly scenarioName: string;
  readonly registryDir: string;
  readonly only?: readonly { kind: string; task: LiveTask }[];
  readonly hours?: number;
  readonly seed?: number;
  /** As in LiveDefaultsOptions. */
  readonly runs?: number;
  readonly budgetS?: number;
  readonly epochs?: number;
  readonly maxTrainWindows?: number;
  readonly maxHeldOutWindows?: number;
}

/** What the worker posts. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: LiveProgress }
  | { readonly type: 'done'; readonly result: LiveDefaultsResult }
  | { readonly type: 'error'; readonly message: string };
