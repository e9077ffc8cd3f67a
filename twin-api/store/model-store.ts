import type { ModelVersion, TaskIndex } from '../../ml/registry/registry.ts';

export interface PredictionInput {
  readonly tMs: number;
  readonly asset: string;
  readonly model: string;
  readonly payload: unknown;
}

export interface Prediction extends PredictionInput {
  readonly id: number;
}

export interface PredictionQuery {
  readonly asset?: string;
  readonly model?: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly limit: number;
}

/** What the store keeps of one registered model version: the registry's own fields, less its key. */
export type ModelVersionInput = Pick<ModelVersion, 'version' | 'name' | 'created' | 'datasetFingerprint' | 'hyperparameters' | 'metrics'>;

/** One index of the registry (a task, or a task and an asset kind); a registry `TaskIndex` is one as it is. */
export type ModelIndexInput = Omit<TaskIndex, 'task' | 'versions'> & { readonly task: string; readonly versions: readonly ModelVersionInput[] };

export const MODEL_ROLES = ['champion', 'challenger'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/** A model version as stored: still in the registry, or on record after its folder was pruned. */
export interface StoredModelVersion {
  readonly task: string;
  /** Absent: a task-level model. */
  readonly kind?: string;
  readonly version: string;
  readonly name: string;
  readonly createdMs: number;
  readonly datasetFingerprint: string;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  /** NaN and ±Infinity come back as null (JSON has neither). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Its role in the last sync of its index; null when it has none (or is no longer in the registry). */
  readonly role: ModelRole | null;
}

export interface ModelVersionQuery {
  readonly task?: string;
  /** Versions of that asset kind; absent: every kind and the task-level ones. */
  readonly kind?: string;
}

/** The live models' predictions, newest first. */
export interface PredictionStore {
  insertPrediction(prediction: PredictionInput): Promise<Prediction>;
  listPredictions(query: PredictionQuery): Promise<Prediction[]>;
}

/** A copy of the model registry on disk (ml/registry stays the source of truth). */
export interface ModelRegistryStore {
  /**
   * Copies registry indexes in one transaction: every version (inserted or updated, never deleted),
   * each version's role as its index says, and the index itself. Other indexes are left as they are.
   */
  syncModelIndexes(indexes: readonly ModelIndexInput[], syncedAtMs: number): Promise<void>;
  /** Stored versions by task, kind and version number (v2 before v10). */
  listModelVersions(query?: ModelVersionQuery): Promise<StoredModelVersion[]>;
}

/** Predictions and the model registry's copy: what the model service and its routes keep. */
export interface ModelStore extends PredictionStore, ModelRegistryStore {}
