import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { RegistryError } from '../../ml/registry/registry.ts';
import type { TaskName } from '../../ml/window-set.ts';
import { ModelIndexView, ModelsView, StoredModelVersionList, TrainingJobView } from '../../protocol/models.ts';
import { ok, type AppContext } from '../app.ts';
import { requireRole } from '../auth.ts';
import { TwinApiError } from '../errors.ts';
import type { ModelService } from '../predictions/model-service.ts';
import type { ModelRegistryStore } from '../store/model-store.ts';
import { responses } from './responses.ts';

const TaskSchema = Type.Union(['rul', 'failure', 'anomaly', 'defects', 'forecast'].map((t) => Type.Literal(t)));
const LiveTaskSchema = Type.Union(['rul', 'failure', 'anomaly', 'defects'].map((t) => Type.Literal(t)));
const Kind = Type.String({ pattern: '^[a-z][a-z0-9_-]*$', maxLength: 60, description: 'asset kind: a machine profile (pump, cnc, …) or "line"' });

const PromoteBody = Type.Object(
  { task: TaskSchema, kind: Type.Optional(Kind), version: Type.Optional(Type.String({ pattern: '^v[0-9]+$', description: 'default: the challenger' })) },
  { additionalProperties: false },
);
const RollbackBody = Type.Object({ task: TaskSchema, kind: Type.Optional(Kind) }, { additionalProperties: false });
const RetrainBody = Type.Object(
  { only: Type.Optional(Type.Array(Type.Object({ kind: Kind, task: LiveTaskSchema }, { additionalProperties: false }), { minItems: 1, maxItems: 100 })) },
  { additionalProperties: false },
);
const JobParams = Type.Object({ id: Type.String({ pattern: '^job-[0-9]+$', maxLength: 30 }) });
const VersionsQuery = Type.Object({ task: Type.Optional(TaskSchema), kind: Type.Optional(Kind) }, { additionalProperties: false });

export interface ModelRouteDeps {
  /** The latest drift check of each model in service. */
  readonly drift?: () => readonly unknown[];
  /** Where the registry is copied (ModelService onRegistry); without one, no stored versions. */
  readonly store?: ModelRegistryStore | null;
}

/** A registry refusal (unknown version, nothing to roll back to) is the caller's mistake, named. */
function registryCall<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof RegistryError) throw new TwinApiError(/unknown|no /.test(err.message) ? 'TWIN_ERR_NOT_FOUND' : 'TWIN_ERR_BAD_REQUEST', err.message);
    throw err;
  }
}

/**
 * The model registry and live models: list, promote, roll back, retrain as a job (progress on the state
 * channel), and the registry's copy in the history database.
 */
export function modelRoutes(service: ModelService, { drift = () => [], store = null }: ModelRouteDeps = {}) {
  return (app: FastifyInstance, ctx: AppContext) => {
    const viewer = requireRole(ctx.auth, 'viewer');
    const engineer = requireRole(ctx.auth, 'engineer');
    app.get('/api/models', { onRequest: viewer, schema: { tags: ['models'], summary: 'Registered models per task and kind (versions, metrics, champion, challenger), the live status and the latest drift check of each model in service', response: responses(ModelsView, 'The live status, the registry and the drift checks') } }, async () =>
      ok({ ...service.status(), registry: service.list(), drift: drift() }),
    );
    app.get('/api/models/versions', { onRequest: viewer, schema: { tags: ['models'], summary: 'Model versions as copied into the history database, pruned ones too, with their role (champion, challenger or null), by task, kind and version number', querystring: VersionsQuery, response: responses(StoredModelVersionList, 'Stored versions') } }, async (req) => {
      const q = req.query as { task?: string; kind?: string };
      if (!store) return ok([]);
      return ok(await store.listModelVersions({ ...(q.task ? { task: q.task } : {}), ...(q.kind ? { kind: q.kind } : {}) }));
    });
    app.post('/api/models/promote', { onRequest: engineer, schema: { tags: ['models'], summary: 'Put a version (default: the challenger) in service', body: PromoteBody, response: responses(ModelIndexView, 'The registry index of the task (and kind) after the promotion') } }, async (req) => {
      const b = req.body as { task: TaskName; kind?: string; version?: string };
      return ok(registryCall(() => service.promote(b.task, b.kind, b.version)));
    });
    app.post('/api/models/rollback', { onRequest: engineer, schema: { tags: ['models'], summary: 'Put the previous champion back in service', body: RollbackBody, response: responses(ModelIndexView, 'The registry index of the task (and kind) after the rollback') } }, async (req) => {
      const b = req.body as { task: TaskName; kind?: string };
      return ok(registryCall(() => service.rollback(b.task, b.kind)));
    });
    app.post('/api/models/retrain', { onRequest: engineer, schema: { tags: ['models'], summary: 'Retrain the live models (all, or some) from simulation, as a background job', body: RetrainBody, response: responses(TrainingJobView, 'The job, started: follow it at /api/models/jobs/{id} or on the state channel', 202) } }, async (req, reply) => {
      const b = (req.body ?? {}) as { only?: { kind: string; task: 'rul' | 'failure' | 'anomaly' | 'defects' }[] };
      void reply.status(202);
      return ok(service.retrain(b.only, req.principal!.actor));
    });
    app.get('/api/models/jobs/:id', { onRequest: viewer, schema: { tags: ['models'], summary: 'A training job: state and progress', params: JobParams, response: responses(TrainingJobView, 'The job') } }, async (req) =>
      ok(service.job((req.params as { id: string }).id)),
    );
  };
}
