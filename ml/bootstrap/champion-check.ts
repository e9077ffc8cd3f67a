/**
 * Whether a newly registered challenger should replace the champion: both are scored on the same
 * held-out windows (the challenger's test part, each model through its own scaler) and judged by
 * ml/drift's `shouldPromote` on the task's primary metric. Scoring the champion anew, rather than
 * trusting the metrics it was registered with, is what makes "the same held-out data" true.
 */
import { applyScaler } from '../data/scaler.ts';
import { shouldPromote } from '../drift/retrain-policy.ts';
import { loadLiveModel } from '../live/live-models.ts';
import type { LiveTask } from '../live/live-types.ts';
import { datasetFingerprint } from '../registry/fingerprint.ts';
import type { ModelRegistry } from '../registry/registry.ts';
import type { WindowSet } from '../window-set.ts';
import { liveMetrics } from './live-metrics.ts';

/** The decision, and why. */
export interface ChampionVerdict {
  readonly promote: boolean;
  readonly reason: string;
}

/** Judges `challengerMetrics` (on `heldOut`, raw) against the current champion of (task, kind). */
export async function judgeAgainstChampion(registry: ModelRegistry, task: LiveTask, kind: string, heldOut: WindowSet, challengerMetrics: Readonly<Record<string, number>>): Promise<ChampionVerdict> {
  const key = { task, kind };
  const dataset = datasetFingerprint(heldOut);
  const challenger = { dataset, metrics: challengerMetrics };
  if (registry.index(key).champion === undefined) return shouldPromote(task, undefined, challenger);
  let champ;
  try {
    champ = await loadLiveModel(registry.dir(key), kind, task);
  } catch (err) {
    // A champion that cannot even be loaded serves nobody: any working challenger is better.
    return { promote: true, reason: `champion cannot be loaded (${(err as Error).message})` };
  }
  try {
    const names = champ.model.meta.featureNames;
    if (names.join() !== heldOut.featureNames.join()) return { promote: true, reason: `champion features [${names.join(', ')}] no longer match the sensors` };
    if (champ.model.spec.steps !== heldOut.steps) return { promote: false, reason: `champion windows of ${champ.model.spec.steps} steps cannot be scored on ${heldOut.steps}-step windows` };
    const x = champ.scaler ? applyScaler(champ.scaler, heldOut) : heldOut;
    const metrics = liveMetrics(task, champ.model.predict(x), x);
    return shouldPromote(task, { dataset, metrics }, challenger);
  } finally {
    champ.model.dispose();
  }
}
