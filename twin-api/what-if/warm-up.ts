/**
 * A short look-ahead on the reference plant when a worker starts, so the first real request runs
 * optimized code rather than paying the JIT's warm-up (the first runs are several times slower).
 * A burner drift is injected so the fault and defect paths are exercised too.
 */
import { createEngine } from '../../engine/plant.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import type { Lookahead } from '../../lookahead/lookahead.ts';
import { changesNow } from '../../lookahead/plan.ts';
import { plantRef } from '../../lookahead/plant-key.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';

export function warmUp(lookahead: Lookahead): void {
  const plant = plantRef(loadLibraryScenario('glass-plant'));
  const engine = createEngine(plant.scenario);
  engine.apply({ kind: 'fault', target: 'Line_A', type: 'burner_drift', params: { ratePerH: 120, maxC: 180 } });
  const snapshot = snapshotToBinary(engine.snapshot());
  const steps = changesNow([{ setpoint: 'Line_A.furnace_temp', value: 1420 }]);
  lookahead.run({ plant, snapshot, plan: { steps, horizonS: 2 * 3600, seeds: [1, 2, 3, 4], stepS: 10, scope: 'affected' } });
  lookahead.run({ plant, snapshot, plan: { steps, horizonS: 1800, seeds: [1], stepS: 10, scope: 'plant' } });
}
