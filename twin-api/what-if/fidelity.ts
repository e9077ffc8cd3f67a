/** The step study behind DEFAULT_LOOKAHEAD_STEP_S: defect rates at 1/10/30/60 s over library incidents (test/lookahead-step-fidelity.test.ts checks 10 s). Run: npx tsx twin-api/what-if/fidelity.ts */
import { createEngine } from '../../engine/plant.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { defectRateByStep } from '../../lookahead/step-fidelity.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';

const cases: [string, string, number, string, number][] = [
  ['batch-contamination-bubbles', 'Line_A', 3.5, 'Line_A.furnace_temp', 1540],
  ['belt-overspeed-deformation', 'Line_A', 1.25, 'Line_A.belt_speed', 120],
  ['forming-pressure-oscillation-bubbles', 'Line_B', 1.75, 'Line_B.forming_pressure', 30],
  ['furnace-underheat-cloudiness', 'Line_C', 5, 'Line_C.furnace_temp', 1560],
  ['lehr-fan-failure-cooling-shock', 'Line_C', 5.25, 'Line_C.lehr_cooling_rate', 2],
];
const seeds = Array.from({ length: Number(process.argv[2] ?? 32) }, (_, i) => i + 1);
for (const [name, asset, atH, setpoint, value] of cases) {
  const scenario = loadLibraryScenario(name);
  const live = createEngine(scenario);
  live.runUntil(atH * 3600);
  const at = { snapshot: snapshotToBinary(live.snapshot()), layout: live.layout };
  for (const change of [null, { setpoint, value }]) {
    for (const e of defectRateByStep({ scenario, asset, live: at, change, horizonS: 4 * 3600, seeds }, [1, 10, 30, 60])) {
      console.log(`${name} ${change ? `${setpoint}=${value}` : 'baseline'} step=${e.stepS} def/1000 mean=${e.mean.toFixed(2)} sd=${e.sd.toFixed(2)} se=${e.se.toFixed(2)}`);
    }
  }
  live.dispose();
}
