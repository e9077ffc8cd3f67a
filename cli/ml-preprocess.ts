/**
 * preprocess.json: everything fitted or chosen before and after training that evaluation and
 * prediction must reapply (data format and its options, feature list, scaler, encoders, thresholds,
 * RUL cap), kept next to the model.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scaler } from '../ml/data/scaler.ts';
import type { TableEncoding } from '../ml/data/table-encoding.ts';
import type { TaskName } from '../ml/window-set.ts';
import { UsageError } from './usage-error.ts';

/** How the training data was read, so new data is read the same way. */
export type DataSpec =
  | { readonly format: 'cmapss'; readonly windowSteps: number; readonly rulCap: number; readonly dropped: readonly string[] }
  | { readonly format: 'table'; readonly encoding: TableEncoding }
  | {
      readonly format: 'sim';
      readonly scenario: string;
      readonly kind: string;
      readonly windowSteps?: number;
      readonly horizonH?: number;
      readonly capH?: number;
      /** Defect labels: every defect, or only those with an assignable (non-random) cause. */
      readonly causes?: 'any' | 'assignable';
      /** Anomaly labels: faults below this degradation level are left out as a grey zone. */
      readonly minLevel?: number;
    };

/** The content of preprocess.json. */
export interface Preprocess {
  readonly version: 1;
  readonly task: TaskName;
  readonly data: DataSpec;
  readonly featureNames: readonly string[];
  readonly targetNames: readonly string[];
  readonly scaler: Scaler;
  /** Decision threshold per target of a classification task, chosen on validation (max F1). */
  readonly thresholds?: readonly number[];
}

export const PREPROCESS_FILE = 'preprocess.json';

/** Reads `<dir>/preprocess.json`; a missing or foreign file is a usage error naming the folder. */
export function readPreprocess(dir: string): Preprocess {
  let text: string;
  try {
    text = readFileSync(join(dir, PREPROCESS_FILE), 'utf8');
  } catch {
    throw new UsageError(`${dir} is not a trained model folder (no ${PREPROCESS_FILE})`);
  }
  const p = JSON.parse(text) as Preprocess;
  if (p.version !== 1) throw new UsageError(`${join(dir, PREPROCESS_FILE)}: unsupported version ${String(p.version)}`);
  return p;
}
