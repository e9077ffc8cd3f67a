/**
 * Finding the models of a plant on disk: `<root>/<kind>/<task>/model.json`, e.g. `models/pump/rul/`,
 * as `twin train` writes them, with the fitted scaler in `preprocess.json` (its `scaler` field).
 * Kinds are machine profiles, or "line".
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Scenario } from '../../scenarios/types.ts';
import type { Scaler } from '../data/scaler.ts';
import { NetModel } from '../models/net-model.ts';
import { initBackend } from '../tf/backend.ts';
import type { LiveModel, LiveTask } from './live-types.ts';

const TASKS: readonly LiveTask[] = ['rul', 'failure', 'anomaly', 'defects'];

/** Kind of every asset of a scenario: its machine profile, or "line". */
export function assetKinds(scenario: Scenario): Map<string, string> {
  return new Map([...scenario.lines.map((l) => [l.id, 'line'] as const), ...scenario.machines.map((m) => [m.id, m.profile] as const)]);
}

/** Loads every `<root>/<kind>/<task>` model found for the given kinds; absent ones are skipped. */
export async function loadLiveModels(root: string, kinds: Iterable<string>): Promise<LiveModel[]> {
  await initBackend();
  const out: LiveModel[] = [];
  for (const kind of new Set(kinds)) {
    for (const task of TASKS) {
      const dir = path.join(root, kind, task);
      if (!existsSync(path.join(dir, 'model.json'))) continue;
      const model = await NetModel.load(dir);
      const pre = path.join(dir, 'preprocess.json');
      const scaler = existsSync(pre) ? (JSON.parse(await readFile(pre, 'utf8')) as { scaler?: Scaler }).scaler : undefined;
      out.push({ kind, task, model, ...(scaler === undefined ? {} : { scaler }) });
    }
  }
  return out;
}
