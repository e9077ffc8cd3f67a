/** The model registry and training jobs on the wire: GET /api/models…, `state` messages of kind "training". */
import { Type, type Static } from 'typebox';
import { List, Nullable, NumberRecord } from './schema-kit.ts';

/** One registered version with its held-out metrics (roc_auc, f1, … or rmse, mae). */
export const ModelVersionView = Type.Object({
  version: Type.String(),
  name: Type.String(),
  task: Type.String(),
  /** Asset kind of a per-kind model. */
  kind: Type.Optional(Type.String()),
  /** ISO 8601 UTC. */
  created: Type.String(),
  datasetFingerprint: Type.String(),
  hyperparameters: Type.Record(Type.String(), Type.Unknown()),
  metrics: NumberRecord(),
});
export type ModelVersionView = Static<typeof ModelVersionView>;

/** The registry index of one task (and kind): its versions, the champion in service and the challenger. */
export const ModelIndexView = Type.Object({
  task: Type.String(),
  kind: Type.Optional(Type.String()),
  champion: Type.Optional(Type.String()),
  challenger: Type.Optional(Type.String()),
  versions: List(ModelVersionView),
  /** Earlier champions, most recent last (what a rollback returns to). */
  previousChampions: List(Type.String()),
});
export type ModelIndexView = Static<typeof ModelIndexView>;

/** Progress of a training job (ml/bootstrap LiveProgress). */
export const TrainingProgress = Type.Object({
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  message: Type.String(),
  /** Seconds left at the pace so far; null before the first model started training. */
  etaS: Nullable(Type.Number()),
});
export type TrainingProgress = Static<typeof TrainingProgress>;

export const TrainingJobState = Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('cancelled')]);

/** A training job: GET /api/models/jobs/:id, the `job` of GET /api/models, `state` messages of kind "training". */
export const TrainingJobView = Type.Object({
  id: Type.String(),
  reason: Type.Union([Type.Literal('bootstrap'), Type.Literal('retrain')]),
  requestedBy: Type.String(),
  startedAt: Type.String(),
  state: TrainingJobState,
  progress: Nullable(TrainingProgress),
  /** What a finished job registered and skipped (ml/bootstrap LiveDefaultsResult). */
  result: Type.Optional(Type.Unknown()),
  error: Type.Optional(Type.String()),
});
export type TrainingJobView = Static<typeof TrainingJobView>;

/** The latest input-drift check of one model in service (ml/drift DriftReport); null before the first check. */
export const ModelDrift = Type.Object({
  kind: Type.String(),
  task: Type.String(),
  report: Nullable(
    Type.Object({
      tS: Type.Number(),
      samples: Type.Integer({ minimum: 0 }),
      drifted: Type.Boolean(),
      features: List(Type.Object({ feature: Type.String(), psi: Type.Number(), ks: Type.Number(), pValue: Type.Number(), drifted: Type.Boolean() })),
    }),
  ),
});
export type ModelDrift = Static<typeof ModelDrift>;

/** Body of GET /api/models. */
export const ModelsView = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('partial'), Type.Literal('training'), Type.Literal('none')]),
  detail: Type.String(),
  backend: Nullable(Type.String()),
  job: Nullable(TrainingJobView),
  registry: List(ModelIndexView),
  drift: List(ModelDrift),
});
export type ModelsView = Static<typeof ModelsView>;

/** One row of GET /api/models/versions: a version as copied into the history database, with its role. */
export const StoredModelVersionView = Type.Object({
  task: Type.String(),
  kind: Type.Optional(Type.String()),
  version: Type.String(),
  name: Type.String(),
  createdMs: Type.Number(),
  datasetFingerprint: Type.String(),
  hyperparameters: Type.Record(Type.String(), Type.Unknown()),
  /** NaN and ±Infinity come back as null (JSON has neither). */
  metrics: Type.Record(Type.String(), Nullable(Type.Number())),
  role: Nullable(Type.Union([Type.Literal('champion'), Type.Literal('challenger')])),
});
export type StoredModelVersionView = Static<typeof StoredModelVersionView>;
export const StoredModelVersionList = List(StoredModelVersionView);
