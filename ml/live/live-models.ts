/**
 * Finding the models of a plant on disk. Two layouts: the model registry, where each (task, kind)
 * champion serves (`loadChampionModels`, what twin-api uses), and a plain folder tree
 * `<root>/<kind>/<task>/model.json`, e.g. `models/pump/rul/` (`loadLiveModels`). Either way the fitted
 * scaler is read from the model's `preprocess.json` (its `scaler` field). Kinds are machine profiles, or "line".
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Scenario } from '../../scenarios/types.ts';
import type { Scaler } from '../data/scaler.ts';
import { NetModel } from '../models/net-model.ts';
import type { ModelRegistry } from '../registry/registry.ts';
import { initBackend } from '../tf/backend.ts';
import { LINE_TASKS, MACHINE_TASKS, type LiveModel, type LiveTask } from './live-types.ts';
import { targetCapOf } from './rul-answer.ts';

const TASKS: readonly LiveTask[] = ['rul', 'failure', 'anomaly', 'defects'];

/** Kind of every asset of a scenario: its machine profile, or "line". */
export function assetKinds(scenario: Scenario): Map<string, string> {
  return new Map([...scenario.lines.map((l) => [l.id, 'line'] as const), ...scenario.machines.map((m) => [m.id, m.profile] as const)]);
}

/** The live tasks of a kind: lines get defects and anomaly, machines rul, failure and anomaly. */
export function liveTasksOf(kind: string): readonly LiveTask[] {
  return kind === 'line' ? LINE_TASKS : MACHINE_TASKS;
}

/** Loads every `<root>/<kind>/<task>` model found for the given kinds; absent ones are skipped. */
export async function loadLiveModels(root: string, kinds: Iterable<string>): Promise<LiveModel[]> {
  await initBackend();
  const out: LiveModel[] = [];
  for (const kind of new Set(kinds)) {
    for (const task of TASKS) {
      const dir = path.join(root, kind, task);
      if (existsSync(path.join(dir, 'model.json'))) out.push(await loadLiveModel(dir, kind, task));
    }
  }
  return out;
}

/**
 * Loads the registry's champion of every (kind, task) the kinds need; pairs without a champion are
 * skipped. A champion that cannot be loaded (deleted files, an ensemble, a foreign format) is skipped
 * too and reported to `onSkip`, so one bad folder does not keep the other models out of service.
 */
export async function loadChampionModels(
  registry: ModelRegistry,
  kinds: Iterable<string>,
  onSkip: (kind: string, task: LiveTask, reason: string) => void = () => {},
): Promise<LiveModel[]> {
  await initBackend();
  const out: LiveModel[] = [];
  for (const kind of new Set(kinds)) {
    for (const task of liveTasksOf(kind)) {
      const key = { task, kind };
      if (registry.index(key).champion === undefined) continue;
      try {
        out.push(await loadLiveModel(registry.dir(key), kind, task));
      } catch (err) {
        onSkip(kind, task, (err as Error).message);
      }
    }
  }
  return out;
}

/** One model folder as a LiveModel: model.json + weights, and the scaler of preprocess.json if any. */
export async function loadLiveModel(dir: string, kind: string, task: LiveTask): Promise<LiveModel> {
  const model = await NetModel.load(dir);
  const pre = await readJson<{ scaler?: Scaler; data?: { capH?: unknown } }>(path.join(dir, 'preprocess.json'));
  const scaler = pre?.scaler;
  // Models saved before model.json carried their cap: preprocess.json's label options name it, metrics.json the held-out MAE.
  if (task === 'rul' && model.meta.targetCap === undefined && typeof pre?.data?.capH === 'number') {
    const mae = (await readJson<{ test?: { mae?: unknown } }>(path.join(dir, 'metrics.json')))?.test?.mae;
    model.meta.targetCap = targetCapOf(pre.data.capH, typeof mae === 'number' ? mae : undefined);
  }
  return { kind, task, model, ...(scaler === undefined ? {} : { scaler }) };
}

async function readJson<T>(file: string): Promise<T | undefined> {
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as T) : undefined;
}

/** The drift reference (reference.json) of a model folder, or null: see ml/drift/reference-file.ts. */
export { loadDriftReference } from '../drift/reference-file.ts';
