import type { PlantLayout } from '../../engine/layout.ts';
import type { LiveDefaultsResult, LiveProgress } from '../../ml/bootstrap/live-defaults.ts';
import type { TrainInWorkerOptions, TrainingJob } from '../../ml/bootstrap/train-in-worker.ts';
import { liveTasksOf, loadChampionModels } from '../../ml/live/live-models.ts';
import { LivePredictor } from '../../ml/live/live-predictor.ts';
import type { LiveTask } from '../../ml/live/live-types.ts';
import { ModelRegistry, type TaskIndex } from '../../ml/registry/registry.ts';
import { initBackend } from '../../ml/tf/backend.ts';
import type { TaskName } from '../../ml/window-set.ts';
import { TwinApiError } from '../errors.ts';

/** A model in service and the registry folder it was loaded from. */
export interface ServedModel {
  readonly kind: string;
  readonly task: LiveTask;
  readonly dir: string;
}

/** A training job as the API shows it. */
export interface JobView {
  readonly id: string;
  readonly reason: 'bootstrap' | 'retrain';
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly state: 'running' | 'done' | 'failed' | 'cancelled';
  readonly progress: LiveProgress | null;
  readonly result?: LiveDefaultsResult;
  readonly error?: string;
}

export interface ModelServiceOptions {
  readonly layout: PlantLayout;
  /** Asset → kind (ml/live assetKinds). */
  readonly kinds: ReadonlyMap<string, string>;
  readonly scenarioName: string;
  readonly registryDir: string;
  /** Train the default models in the background when the registry has no champion for this plant. */
  readonly bootstrap: boolean;
  /** Starts a training job (ml/bootstrap trainInWorker); injected so tests can run it in-process. */
  readonly train: (opts: TrainInWorkerOptions, onProgress: (p: LiveProgress) => void) => TrainingJob;
  readonly trainOptions?: Omit<TrainInWorkerOptions, 'scenarioName' | 'registryDir' | 'only'>;
  /** Job changes, for the `state` channel. */
  readonly onJob?: (job: JobView) => void;
  readonly log?: (msg: string) => void;
  readonly now?: () => Date;
  /** After each (re)load: the models now in service and their folders (the drift feed watches them). */
  readonly onServed?: (served: readonly ServedModel[]) => void;
  /** After each (re)load (on start, after every job, promote and roll back): the registry as `list()` gives it. */
  readonly onRegistry?: (indexes: readonly TaskIndex[]) => void;
}

/**
 * The models in service: loads each (kind, task) champion of the registry into a LivePredictor,
 * trains the defaults off the event loop on first start, retrains on request as a job with progress,
 * and promotes or rolls back (the predictor switches models at once).
 */
export class ModelService {
  readonly predictor: LivePredictor;
  readonly registry: ModelRegistry;
  private backend: string | null = null;
  private readonly jobs = new Map<string, JobView>();
  private running: { id: string; job: TrainingJob } | null = null;
  private nextJob = 1;
  /** `kind/task` of every model in service. A champion can be in the registry and not serve: one
   *  trained on another version of the plant's sensors, or one whose files cannot be read. */
  private serving = new Set<string>();

  constructor(private readonly opts: ModelServiceOptions) {
    this.predictor = new LivePredictor(opts.layout, opts.kinds);
    this.registry = new ModelRegistry(opts.registryDir, opts.now);
  }

  /**
   * Loads the champions; when bootstrap is on, starts training the live models that do not serve
   * (all of them on a first start; after an upgrade that changed a kind's sensors, that kind's).
   */
  async start(): Promise<void> {
    this.backend = await initBackend(undefined, (line) => this.opts.log?.(line));
    await this.reload();
    const unserved = this.pairs().filter((p) => !this.serving.has(pairKey(p)));
    if (unserved.length > 0 && this.opts.bootstrap) this.retrain(unserved.length === this.pairs().length ? undefined : unserved, 'system', 'bootstrap');
  }

  /** (Re)loads every champion into the predictor; returns how many models serve. */
  async reload(): Promise<number> {
    const models = await loadChampionModels(this.registry, new Set(this.opts.kinds.values()), (kind, task, reason) => this.opts.log?.(`model ${kind}/${task} not loaded: ${reason}`));
    const served: typeof models = [];
    for (const m of models) {
      try {
        this.predictor.setModel(m);
        served.push(m);
      } catch (err) {
        this.opts.log?.(`model ${m.kind}/${m.task} not served: ${(err as Error).message}`);
        m.model.dispose();
        this.predictor.setStatus(m.kind, m.task, 'missing');
      }
    }
    this.serving = new Set(served.map(pairKey));
    this.opts.onServed?.(served.map((m) => ({ kind: m.kind, task: m.task, dir: this.registry.dir({ task: m.task, kind: m.kind }) })));
    this.opts.onRegistry?.(this.list());
    return served.length;
  }

  /** For /api/health: ready, partial, training or none, with counts; `job`: the running job, else the last one. */
  status(): { status: string; detail: string; backend: string | null; job: JobView | null } {
    const pairs = this.pairs();
    const ready = pairs.filter((p) => this.serving.has(pairKey(p))).length;
    const running = this.running ? this.jobs.get(this.running.id)! : null;
    const status = running ? 'training' : ready === 0 ? 'none' : ready < pairs.length ? 'partial' : 'ready';
    const detail = `${ready} of ${pairs.length} live models in service${running?.progress ? `; training ${running.progress.done}/${running.progress.total}: ${running.progress.message}` : ''}`;
    // A page opened after a job ended still learns how it ended (done, failed, cancelled).
    const job = running ?? [...this.jobs.values()].at(-1) ?? null;
    return { status, detail, backend: this.backend, job };
  }

  /** Every registry index that serves this plant's kinds (and task-level ones trained by `twin train`). */
  list(): TaskIndex[] {
    const kinds = new Set(this.opts.kinds.values());
    return this.registry.list().filter((i) => i.kind === undefined || kinds.has(i.kind));
  }

  promote(task: TaskName, kind: string | undefined, version?: string): TaskIndex {
    this.refuseWhileTraining();
    const idx = this.registry.promote(kind ? { task, kind } : task, version ?? 'challenger');
    void this.reload();
    return idx;
  }

  rollback(task: TaskName, kind: string | undefined): TaskIndex {
    this.refuseWhileTraining();
    const idx = this.registry.rollback(kind ? { task, kind } : task);
    void this.reload();
    return idx;
  }

  /** Starts a training job (all of this plant's live models, or `only`); one job at a time. */
  retrain(only: readonly { kind: string; task: LiveTask }[] | undefined, actor: string, reason: JobView['reason'] = 'retrain'): JobView {
    if (this.running) throw new TwinApiError('TWIN_ERR_CONFLICT', `training job ${this.running.id} is still running`);
    for (const o of only ?? []) {
      if (![...this.opts.kinds.values()].includes(o.kind)) throw new TwinApiError('TWIN_ERR_BAD_REQUEST', `only: no asset of kind "${o.kind}" in this plant`);
      if (!liveTasksOf(o.kind).includes(o.task)) throw new TwinApiError('TWIN_ERR_BAD_REQUEST', `only: kind "${o.kind}" has no live task "${o.task}" (tasks: ${liveTasksOf(o.kind).join(', ')})`);
    }
    const id = `job-${this.nextJob++}`;
    let view: JobView = { id, reason, requestedBy: actor, startedAt: (this.opts.now?.() ?? new Date()).toISOString(), state: 'running', progress: null };
    const update = (patch: Partial<JobView>) => {
      view = { ...view, ...patch };
      this.jobs.set(id, view);
      this.opts.onJob?.(view);
    };
    const targets = only ?? this.pairs();
    for (const t of targets) if (!this.serving.has(pairKey(t))) this.predictor.setStatus(t.kind, t.task, 'loading');
    const job = this.opts.train(
      { ...this.opts.trainOptions, scenarioName: this.opts.scenarioName, registryDir: this.registry.root, ...(only ? { only } : {}) },
      (progress) => update({ progress }),
    );
    this.running = { id, job };
    update({});
    this.opts.log?.(`models: ${reason} training started (${targets.length} models)`);
    job.done.then(
      async (result) => {
        // The job counts as running until its models serve, so "ready" means predictions use them.
        await this.reload().catch((err: unknown) => this.opts.log?.(`models: reload failed: ${(err as Error).message}`));
        this.running = null;
        this.markMissing();
        update({ state: 'done', result });
        this.opts.log?.(`models: training done, ${result.registered.length} registered, ${result.skipped.length} skipped`);
      },
      (err: unknown) => {
        this.running = null;
        this.markMissing();
        const message = (err as Error).message;
        update({ state: message === 'training cancelled' ? 'cancelled' : 'failed', error: message });
        this.opts.log?.(`models: training ${message === 'training cancelled' ? 'cancelled' : `failed: ${message}`}`);
      },
    );
    return view;
  }

  job(id: string): JobView {
    const j = this.jobs.get(id);
    if (!j) throw new TwinApiError('TWIN_ERR_NOT_FOUND', `no training job "${id}"`);
    return j;
  }

  /** Stops a running job (models already registered stay) and frees the models. */
  close(): void {
    this.running?.job.cancel();
    this.predictor.dispose();
  }

  /** The worker writes registry indexes while it trains; a change made meanwhile could be overwritten. */
  private refuseWhileTraining(): void {
    if (this.running) throw new TwinApiError('TWIN_ERR_CONFLICT', `training job ${this.running.id} is writing the registry; promote or roll back when it has finished`);
  }

  private pairs(): { kind: string; task: LiveTask }[] {
    return [...new Set(this.opts.kinds.values())].flatMap((kind) => liveTasksOf(kind).map((task) => ({ kind, task })));
  }

  /** Pairs still not served after a job are missing again (not loading forever). */
  private markMissing(): void {
    for (const p of this.pairs()) if (!this.serving.has(pairKey(p))) this.predictor.setStatus(p.kind, p.task, 'missing');
  }
}

const pairKey = (p: { readonly kind: string; readonly task: LiveTask }): string => `${p.kind}/${p.task}`;
