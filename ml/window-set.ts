/**
 * The shared data contract of ml/: every dataset (C-MAPSS, a CSV table, the simulator) becomes a
 * WindowSet, every trainer consumes one. Plain typed arrays, so sets can be sliced, saved and sent to
 * workers without TF.js; tensors are made only inside the model code.
 */

/** Windows of multivariate history, row-major `x[n][steps][features]`, with targets `y[n][targets]`. */
export interface WindowSet {
  readonly n: number;
  readonly steps: number;
  readonly features: number;
  readonly x: Float32Array;
  readonly featureNames: readonly string[];
  readonly targets: number;
  readonly y: Float32Array;
  readonly targetNames: readonly string[];
  /** Group of each window (engine unit, asset, line): a split never puts one group in two parts. */
  readonly group: Int32Array;
  /** Time of each window's last step (cycles, or simulated epoch ms): time splits cut on it. */
  readonly time: Float64Array;
  /** Optional per-window condition (machine type index) for models conditioned on type. */
  readonly condition?: Int32Array;
}

/** Train / validation / test parts of one dataset; scalers are fitted on `train` only. */
export interface Split {
  readonly train: WindowSet;
  readonly validation: WindowSet;
  readonly test: WindowSet;
}

export const TASKS = ['rul', 'defects', 'failure', 'anomaly', 'forecast'] as const;
export type TaskName = (typeof TASKS)[number];
