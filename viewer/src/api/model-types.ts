// Model registry and training-job payloads (mirrors of twin-api/routes/models.ts and
// twin-api/predictions/model-service.ts; the viewer may import only protocol/ of our code).

/** One registered version with its held-out metrics (roc_auc, f1, … or rmse, mae). */
export interface ModelVersionView {
  readonly version: string;
  readonly created: string;
  readonly metrics: Readonly<Record<string, number>>;
}

/** The registry index of one task (and kind): its versions, the champion in service and the challenger. */
export interface ModelIndexView {
  readonly task: string;
  readonly kind?: string;
  readonly champion?: string;
  readonly challenger?: string;
  readonly versions: readonly ModelVersionView[];
}

/** Progress of a training job (ml/bootstrap LiveProgress). */
export interface TrainingProgress {
  readonly done: number;
  readonly total: number;
  readonly message: string;
  /** Seconds left at the pace so far; null before the first model started training. */
  readonly etaS: number | null;
}

/** A training job (GET /api/models job, `state` channel messages with kind "training"). */
export interface TrainingJobView {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly progress: TrainingProgress | null;
  readonly error?: string;
}

/** GET /api/models */
export interface ModelsView {
  /** ready, partial, training or none. */
  readonly status: string;
  readonly detail: string;
  readonly backend: string | null;
  readonly job: TrainingJobView | null;
  readonly registry: readonly ModelIndexView[];
  readonly drift: readonly unknown[];
}
