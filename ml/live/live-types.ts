/** What live inference emits per asset, and the models it runs. */
import type { Scaler } from '../data/scaler.ts';
import type { Contribution } from '../explain/integrated-gradients.ts';
import type { NetModel } from '../models/net-model.ts';
import type { RulAnswer } from './rul-answer.ts';

/** Tasks that run live: machines get rul, failure, anomaly; lines get defects and anomaly. */
export type LiveTask = 'rul' | 'failure' | 'anomaly' | 'defects';
export const MACHINE_TASKS: readonly LiveTask[] = ['rul', 'failure', 'anomaly'];
export const LINE_TASKS: readonly LiveTask[] = ['defects', 'anomaly'];

/** Whether an asset's model for a task can answer: loaded, being loaded, or absent. */
export type ModelStatus = 'ready' | 'loading' | 'missing';

/** A trained model for all assets of one kind (machine profile, or "line"). */
export interface LiveModel {
  readonly kind: string;
  readonly task: LiveTask;
  readonly model: NetModel;
  /** The feature scaler fitted on the model's training windows (ml/data/scaler.ts); none: raw inputs. */
  readonly scaler?: Scaler;
}

/** A value with the inputs that pushed it most (integrated gradients, signed). */
export interface Explained {
  readonly value: number;
  readonly explanation: readonly Contribution[];
}

/** One asset's latest predictions; a task is absent until its model is ready. */
export interface AssetPrediction {
  readonly asset: string;
  readonly kind: string;
  /** Simulated seconds of the sample the predictions were made on. */
  readonly tS: number;
  readonly status: Readonly<Partial<Record<LiveTask, ModelStatus>>>;
  /** Remaining useful life in hours: an estimate, or censored at the model's training cap (rul-answer.ts). */
  rul?: RulAnswer & { readonly explanation: readonly Contribution[] };
  /** Probability of failure within the model's horizon. */
  failureProbability?: Explained;
  /** Reconstruction error / threshold (> 1: anomalous) and the sensors reconstructed worst. */
  anomaly?: { score: number; anomalous: boolean; topSensors: readonly Contribution[] };
  /** P(≥ 1 defect of a type within a horizon), by output name (e.g. "bubbles_1h"); explained: the likeliest. */
  defects?: { probabilities: Record<string, number>; explanation: readonly Contribution[] };
}
