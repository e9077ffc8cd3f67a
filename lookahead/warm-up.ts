/**
 * A short look-ahead on the reference plant when a worker starts, so the first real request runs
 * optimized code rather than paying the JIT's warm-up (the first runs are several times slower).
 * A burner drift is injected so the fault and defect paths are exercised too.
 */
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import type { Lookahead } from './lookahead.ts';

export function warmUp(lookahead: Lookahead): void {
  const scenario = loadLibraryScenario('glass-plant');
  const engine = createEngine(scenario);
  engine.apply({ kind: 'fault', target: 'Line_A', type: 'burner_drift', params: { ratePerH: 120, maxC: 180 } });
  const snapshot = snapshotToBinary(engine.snapshot());
  const changes = [{ setpoint: 'Line_A.furnace_temp', value: 1420, asset: 'Line_A' }];
  const seeds = [1, 2, 3, 4];
  lookahead.run(scenario, snapshot, { changes, horizonS: 2 * 3600, seeds, stepS: 10, scope: 'affected' }, seeds);
  lookahead.run(scenario, snapshot, { changes, horizonS: 1800, seeds: [1], stepS: 10, scope: 'plant' }, [1]);
}
