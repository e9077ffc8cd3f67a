/**
 * Untrained (seeded) live models for every kind and task of a plant, of the default live size: stand-ins
 * for tests and the latency bench, and for twin-api before trained models exist (their outputs mean nothing).
 */
import type { PlantLayout } from '../../engine/layout.ts';
import { initWeights, type NetSpec } from '../models/net.ts';
import { NetModel } from '../models/net-model.ts';
import { LINE_TASKS, MACHINE_TASKS, type LiveModel } from './live-types.ts';

/** One small model per (kind, task), with the kind's sensors as features; call after `initBackend()`. */
export function standInLiveModels(layout: PlantLayout, kinds: ReadonlyMap<string, string>, steps = 12, seed = 1): LiveModel[] {
  const out: LiveModel[] = [];
  const seen = new Set<string>();
  for (const m of layout.models) {
    const kind = kinds.get(m.asset)!;
    if (seen.has(kind)) continue;
    seen.add(kind);
    const F = m.sensors.length;
    for (const task of m.kind === 'line' ? LINE_TASKS : MACHINE_TASKS) {
      const outputs = task === 'anomaly' ? steps * F : task === 'defects' ? 6 : 1;
      const spec: NetSpec = { steps, features: F, conv: [], temporal: 4, hidden: task === 'anomaly' ? [16, 4, 16] : [16], outputs, dropout: 0, conditions: 0, ...(task === 'anomaly' ? { linearHidden: 1 } : {}) };
      const head = task === 'anomaly' ? 'autoencoder' : task === 'rul' ? 'regression' : 'classification';
      const outputNames = task === 'defects' ? Array.from({ length: 6 }, (_, j) => `defect_${j}`) : task === 'anomaly' ? ['score', 'anomaly'] : [task];
      const model = new NetModel(spec, initWeights(spec, seed + out.length), { format: 'twinworks-net/1', task, head, outputNames, featureNames: m.sensors.map((s) => s.name), threshold: 1 });
      out.push({ kind, task, model });
    }
  }
  return out;
}
