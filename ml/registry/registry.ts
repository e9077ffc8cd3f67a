/**
 * A model registry on disk: `<root>/<task>/<version>/` holds a model's files, `<root>/<task>/registry.json`
 * its versions (name, created, dataset fingerprint, hyperparameters, metrics), the champion in service,
 * the challenger waiting to be judged, and the champions before (for roll back). Writes are atomic:
 * a version is written to a temporary folder and renamed into place; the index is replaced by rename.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TASKS, type TaskName } from '../window-set.ts';
import { writeJsonAtomic } from './atomic-write.ts';

/** Default registry folder, relative to the working directory. */
export const DEFAULT_REGISTRY_DIR = './models';

/** One registered model version. */
export interface ModelVersion {
  readonly version: string;
  readonly name: string;
  readonly task: TaskName;
  /** ISO 8601 UTC, from the injected clock. */
  readonly created: string;
  readonly datasetFingerprint: string;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number>>;
}

/** The index of one task. */
export interface TaskIndex {
  readonly task: TaskName;
  readonly versions: readonly ModelVersion[];
  readonly champion?: string;
  readonly challenger?: string;
  /** Earlier champions, most recent last. */
  readonly previousChampions: readonly string[];
}

/** A registry request that cannot be met (unknown task or version, nothing to roll back to). */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
}

/** The on-disk registry; `now` is injected so `created` is reproducible in tests. */
export class ModelRegistry {
  readonly root: string;

  constructor(root: string = DEFAULT_REGISTRY_DIR, private readonly now: () => Date = () => new Date()) {
    this.root = resolve(root);
  }

  /** The task's index (empty when nothing is registered). */
  index(task: TaskName): TaskIndex {
    checkTask(task);
    const p = join(this.root, task, 'registry.json');
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as TaskIndex) : { task, versions: [], previousChampions: [] };
  }

  /**
   * Registers a new version: `write(dir)` fills a temporary folder that is then renamed to
   * `<task>/<version>`. The first version becomes champion, later ones challenger.
   */
  async register(task: TaskName, entry: Omit<ModelVersion, 'version' | 'task' | 'created'>, write: (dir: string) => Promise<void>): Promise<ModelVersion> {
    const idx = this.index(task);
    const n = 1 + idx.versions.reduce((m, v) => Math.max(m, Number(v.version.slice(1)) || 0), 0);
    const version = `v${n}`;
    const tmp = join(this.root, task, `.tmp-${version}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    try {
      await write(tmp);
      renameSync(tmp, join(this.root, task, version));
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    const v: ModelVersion = { version, task, created: this.now().toISOString(), ...entry };
    const first = idx.champion === undefined;
    this.save({ ...idx, versions: [...idx.versions, v], ...(first ? { champion: version } : { challenger: version }) });
    return v;
  }

  /** Folder of a version, or of "champion" / "challenger". */
  dir(task: TaskName, ref: string = 'champion'): string {
    return join(this.root, task, this.get(task, ref).version);
  }

  /** A version by name ("v3") or role ("champion", "challenger"); unknown ones throw naming the known. */
  get(task: TaskName, ref: string = 'champion'): ModelVersion {
    const idx = this.index(task);
    const name = ref === 'champion' ? idx.champion : ref === 'challenger' ? idx.challenger : ref;
    const v = idx.versions.find((x) => x.version === name);
    if (!v) {
      const known = idx.versions.map((x) => x.version).join(', ') || 'none registered';
      throw new RegistryError(name === undefined ? `task ${task} has no ${ref}` : `unknown version "${ref}" of task ${task} (versions: ${known})`);
    }
    return v;
  }

  /** Makes `ref` (default the challenger) the champion; the old champion can be rolled back to. */
  promote(task: TaskName, ref: string = 'challenger'): TaskIndex {
    const v = this.get(task, ref);
    const idx = this.index(task);
    if (idx.champion === v.version) return idx;
    const { challenger, ...rest } = idx;
    const next: TaskIndex = {
      ...rest,
      champion: v.version,
      ...(challenger !== undefined && challenger !== v.version ? { challenger } : {}),
      previousChampions: idx.champion !== undefined ? [...idx.previousChampions, idx.champion] : idx.previousChampions,
    };
    this.save(next);
    return next;
  }

  /** Puts the previous champion back in service; the demoted one becomes the challenger. */
  rollback(task: TaskName): TaskIndex {
    const idx = this.index(task);
    const prev = idx.previousChampions[idx.previousChampions.length - 1];
    if (prev === undefined) throw new RegistryError(`task ${task} has no previous champion to roll back to`);
    const next: TaskIndex = { ...idx, champion: prev, ...(idx.champion !== undefined ? { challenger: idx.champion } : {}), previousChampions: idx.previousChampions.slice(0, -1) };
    this.save(next);
    return next;
  }

  /** Every task's index that has versions (or the given task's). */
  list(task?: TaskName): TaskIndex[] {
    if (task) return [this.index(task)];
    if (!existsSync(this.root)) return [];
    const present = new Set(readdirSync(this.root));
    return TASKS.filter((t) => present.has(t)).map((t) => this.index(t)).filter((i) => i.versions.length > 0);
  }

  private save(idx: TaskIndex): void {
    writeJsonAtomic(join(this.root, idx.task, 'registry.json'), idx);
  }
}

function checkTask(task: string): asserts task is TaskName {
  if (!(TASKS as readonly string[]).includes(task)) throw new RegistryError(`unknown task "${task}" (tasks: ${TASKS.join(', ')})`);
}
