/**
 * A model registry on disk. A model is keyed by task, and optionally by asset kind (a machine profile
 * or "line"), since the live predictor needs one model per (kind, task):
 *
 *   <root>/<task>/<version>/                  task-only models (`twin train`)
 *   <root>/<task>/registry.json
 *   <root>/<task>/<kind>/<version>/           per-kind models (live defaults), e.g. models/rul/pump/v1/
 *   <root>/<task>/<kind>/registry.json
 *
 * Each registry.json holds its versions (name, created, dataset fingerprint, hyperparameters, metrics),
 * the champion in service, the challenger waiting to be judged, and the champions before (for roll
 * back). Kind names cannot look like a version ("v3") or start with a dot, so both forms share a task
 * folder without clashing. Writes are atomic: a version is written to a temporary folder and renamed
 * into place; the index is replaced by rename.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TASKS, type TaskName } from '../window-set.ts';
import { writeJsonAtomic } from './atomic-write.ts';

/** Default registry folder, relative to the working directory. */
export const DEFAULT_REGISTRY_DIR = './models';

/** What a model is registered under: its task, and the asset kind it serves (absent: any). */
export interface ModelKey {
  readonly task: TaskName;
  readonly kind?: string;
}

/** A task alone (the task-only form) or a full key. */
export type ModelKeyLike = TaskName | ModelKey;

/** One registered model version. */
export interface ModelVersion {
  readonly version: string;
  readonly name: string;
  readonly task: TaskName;
  /** Asset kind of a per-kind model. */
  readonly kind?: string;
  /** ISO 8601 UTC, from the injected clock. */
  readonly created: string;
  readonly datasetFingerprint: string;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number>>;
}

/** The index of one task (or one task and kind). */
export interface TaskIndex {
  readonly task: TaskName;
  readonly kind?: string;
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

/** Kind names: lower-case words ("cooling_tower", "line"), never a version name. */
const KIND_RE = /^[a-z][a-z0-9_-]*$/;

/** The on-disk registry; `now` is injected so `created` is reproducible in tests. */
export class ModelRegistry {
  readonly root: string;

  constructor(root: string = DEFAULT_REGISTRY_DIR, private readonly now: () => Date = () => new Date()) {
    this.root = resolve(root);
  }

  /** The key's index (empty when nothing is registered). */
  index(key: ModelKeyLike): TaskIndex {
    const k = toKey(key);
    const p = join(this.folder(k), 'registry.json');
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as TaskIndex) : { ...k, versions: [], previousChampions: [] };
  }

  /**
   * Registers a new version: `write(dir)` fills a temporary folder that is then renamed to
   * `<task>[/<kind>]/<version>`. The first version becomes champion, later ones challenger.
   */
  async register(key: ModelKeyLike, entry: Omit<ModelVersion, 'version' | 'task' | 'kind' | 'created'>, write: (dir: string) => Promise<void>): Promise<ModelVersion> {
    const k = toKey(key);
    const idx = this.index(k);
    const n = 1 + idx.versions.reduce((m, v) => Math.max(m, Number(v.version.slice(1)) || 0), 0);
    const version = `v${n}`;
    const folder = this.folder(k);
    const tmp = join(folder, `.tmp-${version}-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    try {
      await write(tmp);
      renameSync(tmp, join(folder, version));
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
    const v: ModelVersion = { version, ...k, created: this.now().toISOString(), ...entry };
    const first = idx.champion === undefined;
    this.save({ ...idx, versions: [...idx.versions, v], ...(first ? { champion: version } : { challenger: version }) });
    return v;
  }

  /** Folder of a version, or of "champion" / "challenger". */
  dir(key: ModelKeyLike, ref: string = 'champion'): string {
    return join(this.folder(toKey(key)), this.get(key, ref).version);
  }

  /** A version by name ("v3") or role ("champion", "challenger"); unknown ones throw naming the known. */
  get(key: ModelKeyLike, ref: string = 'champion'): ModelVersion {
    const k = toKey(key);
    const idx = this.index(k);
    const name = ref === 'champion' ? idx.champion : ref === 'challenger' ? idx.challenger : ref;
    const v = idx.versions.find((x) => x.version === name);
    if (!v) {
      const known = idx.versions.map((x) => x.version).join(', ') || 'none registered';
      throw new RegistryError(name === undefined ? `${label(k)} has no ${ref}` : `unknown version "${ref}" of ${label(k)} (versions: ${known})`);
    }
    return v;
  }

  /** Makes `ref` (default the challenger) the champion; the old champion can be rolled back to. */
  promote(key: ModelKeyLike, ref: string = 'challenger'): TaskIndex {
    const v = this.get(key, ref);
    const idx = this.index(key);
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
  rollback(key: ModelKeyLike): TaskIndex {
    const k = toKey(key);
    const idx = this.index(k);
    const prev = idx.previousChampions[idx.previousChampions.length - 1];
    if (prev === undefined) throw new RegistryError(`${label(k)} has no previous champion to roll back to`);
    const next: TaskIndex = { ...idx, champion: prev, ...(idx.champion !== undefined ? { challenger: idx.champion } : {}), previousChampions: idx.previousChampions.slice(0, -1) };
    this.save(next);
    return next;
  }

  /**
   * Every index with versions: per task (in TASKS order) the task-only one, then its kinds by name.
   * With a task, that task's (the task-only index even when empty, as before kinds existed).
   */
  list(task?: TaskName): TaskIndex[] {
    if (task !== undefined) checkTask(task);
    if (!existsSync(this.root)) return task === undefined ? [] : [this.index(task)];
    const present = new Set(readdirSync(this.root));
    const out: TaskIndex[] = [];
    for (const t of task === undefined ? TASKS : [task]) {
      const base = this.index(t);
      if (base.versions.length > 0 || task !== undefined) out.push(base);
      if (!present.has(t)) continue;
      const kinds = readdirSync(join(this.root, t)).filter((d) => isKindName(d) && existsSync(join(this.root, t, d, 'registry.json'))).sort();
      for (const kind of kinds) {
        const idx = this.index({ task: t, kind });
        if (idx.versions.length > 0) out.push(idx);
      }
    }
    return out;
  }

  private folder(k: ModelKey): string {
    return k.kind === undefined ? join(this.root, k.task) : join(this.root, k.task, k.kind);
  }

  private save(idx: TaskIndex): void {
    writeJsonAtomic(join(this.folder(idx), 'registry.json'), idx);
  }
}

/** The key of a task or key, checked (an unknown task or a malformed kind throws). */
export function toKey(key: ModelKeyLike): ModelKey {
  const k: ModelKey = typeof key === 'string' ? { task: key } : key;
  checkTask(k.task);
  if (k.kind !== undefined && !isKindName(k.kind)) {
    throw new RegistryError(`invalid kind "${k.kind}" (lower-case letters, digits, "_" or "-", not a version name like v3)`);
  }
  return k.kind === undefined ? { task: k.task } : { task: k.task, kind: k.kind };
}

function isKindName(s: string): boolean {
  return KIND_RE.test(s) && !/^v\d+$/.test(s);
}

/** "task rul" or "task rul, kind pump", for messages. */
function label(k: ModelKey): string {
  return k.kind === undefined ? `task ${k.task}` : `task ${k.task}, kind ${k.kind}`;
}

function checkTask(task: string): asserts task is TaskName {
  if (!(TASKS as readonly string[]).includes(task)) throw new RegistryError(`unknown task "${task}" (tasks: ${TASKS.join(', ')})`);
}
