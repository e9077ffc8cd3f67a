/** The step study behind DEFAULT_LOOKAHEAD_STEP_S: defect rates at 1/10/30/60 s over library incidents. Run: npx tsx twin-api/what-if/fidelity.ts */
import { TwinEngine } from '../../engine/engine.ts';
import { buildModels, createEngine } from '../../engine/plant.ts';
import { snapshotToBinary, decodeSnapshot } from '../../engine/snapshot.ts';
import { createMeter, meteredModel, resetMeter, totalDefects } from '../../lookahead/meter.ts';
import { subScenario, subSnapshot } from '../../lookahead/sub-plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
const cases: [string, string, number, string, number][] = [
  ['batch-contamination-bubbles', 'Line_A', 3.5, 'Line_A.furnace_temp', 1540],
  ['belt-overspeed-deformation', 'Line_A', 1.25, 'Line_A.belt_speed', 120],
  ['forming-pressure-oscillation-bubbles', 'Line_B', 1.75, 'Line_B.forming_pressure', 30],
  ['furnace-underheat-cloudiness', 'Line_C', 5, 'Line_C.furnace_temp', 1560],
  ['lehr-fan-failure-cooling-shock', 'Line_C', 5.25, 'Line_C.lehr_cooling_rate', 2],
];
const N = 32;
for (const [name, asset, atH, sp, v] of cases) {
  const scenario = loadLibraryScenario(name);
  const live = createEngine(scenario);
  live.runUntil(atH * 3600);
  const bytes = snapshotToBinary(live.snapshot());
  const meter = createMeter();
  const sc = subScenario(scenario, new Set([asset]));
  const sub = TwinEngine.create({ scenario: sc, models: buildModels(sc).map((m) => meteredModel(m, meter)) });
  sub.restore(subSnapshot(decodeSnapshot(bytes, live.layout), live.layout, sub));
  for (const change of [false, true]) for (const stepS of [1, 10, 30, 60]) {
    const xs: number[] = [];
    for (let seed = 1; seed <= N; seed++) {
      resetMeter(meter);
      const f0 = sub.fork({ seed, sensors: false });
      if (change) f0.setSetpoint(sp, v);
      const f = stepS === f0.stepS ? f0 : f0.fork({ stepS, sensors: false });
      f.runFor(4 * 3600);
      xs.push((1000 * totalDefects(meter)) / meter.units);
    }
    const m = xs.reduce((a, b) => a + b, 0) / N;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (N - 1));
    console.log(`${name} ${change ? sp + '=' + v : 'baseline'} step=${stepS} def/1000 mean=${m.toFixed(2)} sd=${sd.toFixed(2)} se=${(sd / Math.sqrt(N)).toFixed(2)}`);
  }
}
