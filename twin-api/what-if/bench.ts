/**
 * Wall time of what-if runs on the crack storm at 9 h (4 h horizon): 16 seeds, 1 seed, 64 seeds,
 * and 16 seeds with the whole plant. Run: npx tsx twin-api/what-if/bench.ts [workers]
 */
import { createEngine } from '../../engine/plant.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { createWhatIfService } from './index.ts';

const scenario = loadLibraryScenario('furnace-overheat-crack-storm');
const live = createEngine(scenario);
live.runUntil(9 * 3600);
const bytes = snapshotToBinary(live.snapshot());
const t = performance.now();
const workers = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const service = createWhatIfService(workers === undefined ? {} : { workers });
await service.ready();
console.log(`${service.workers} workers ready in ${(performance.now() - t).toFixed(0)} ms`);
const cases = [
  [16, 'affected'],
  [1, 'affected'],
  [64, 'affected'],
  [16, 'plant'],
] as const;
for (const [seeds, scope] of cases) {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await service.run(bytes, scenario, { changes: [{ setpoint: 'Line_A.furnace_temp', value: 1420 }], horizon: '4h', seeds, scope });
    ms.push(r.wallMs);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`4h × ${seeds} seeds (${scope}): first ${ms[0]!.toFixed(0)} ms, median ${sorted[2]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms`);
}
await service.close();
