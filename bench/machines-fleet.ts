/**
 * Benchmark: steps a synthetic fleet in one Float64Array, as the engine would, with 1 s steps and
 * every sensor sampled at its period. Run: `node --expose-gc --import tsx bench/machines-fleet.ts [n] [steps]`.
 * Not model code: it reads the wall clock to measure.
 */
import { performance } from 'node:perf_hooks';
import type { AssetModel, StepContext } from '../physics/model.ts';
import { syntheticFleet } from '../physics/machines/fleet.ts';
import { createMachine, INIT_AMBIENT_C } from '../physics/machines/machine.ts';
import { builtinProfiles } from '../physics/machines/profile.ts';
import { recordingSink, seededRng } from '../physics/machines/testing.ts';
import type { MachineType } from '../physics/machines/machine-spec.ts';

const n = Number(process.argv[2] ?? 10_000);
const steps = Number(process.argv[3] ?? 300);
const profiles = builtinProfiles();
const models: AssetModel[] = syntheticFleet(n).map((s) => createMachine(s, profiles.get(s.profile as MachineType)!));
const offs = new Int32Array(n);
let size = 0;
models.forEach((m, i) => ((offs[i] = size), (size += m.stateSize)));
const s = new Float64Array(size);
const sp = new Float64Array(2 * n);
const rng = seededRng(7);
const sink = recordingSink();
models.forEach((m, i) => {
  m.init(s, offs[i]!, rng, { ambientC: INIT_AMBIENT_C });
  sp[2 * i] = m.setpoints[0]!.initial;
  sp[2 * i + 1] = m.setpoints[1]!.initial;
});
// Per machine, the sensor indices and periods, sampled when tS is a multiple of the period.
const periods = models.map((m) => Int32Array.from(m.sensors.map((c) => (c.period.kind === 'periodic' ? c.period.periodS : 1))));

// Sampled values go to a buffer, as the engine's sensor model would take them (a captured `let` sum
// would itself allocate a heap number per addition).
const samples = new Float64Array(64);
const run = (count: number, t0: number) => {
  let j = 0;
  for (let t = t0; t < t0 + count; t++) {
    const ctx: StepContext = { tS: t, dtS: 1, ambientC: 25, rawMaterialDev: 0 };
    for (let i = 0; i < n; i++) {
      const m = models[i]!;
      m.step(s, offs[i]!, sp, 2 * i, ctx, rng, sink);
      const p = periods[i]!;
      for (let k = 0; k < p.length; k++) if (t % p[k]! === 0) samples[j++ & 63] = m.read(s, offs[i]!, k);
    }
  }
};
run(50, 0); // warm-up
const g = (globalThis as { gc?: () => void }).gc;
g?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
run(steps, 50);
const ms = performance.now() - t0;
const heap1 = process.memoryUsage().heapUsed;
const usPerStep = (ms * 1000) / (steps * n);
console.log(
  `${n} machines × ${steps} steps of 1 s: ${ms.toFixed(0)} ms, ${usPerStep.toFixed(3)} µs per machine step ` +
    `(incl. sampled reads), ${(1 / (usPerStep * 1e-6 * n)).toFixed(0)}× real time; ` +
    `heap growth ${((heap1 - heap0) / 1024).toFixed(0)} KiB${g ? '' : ' (run with --expose-gc for a clean baseline)'}; ` +
    `events ${sink.events.length}; state checksum ${s.reduce((a, x) => (Number.isFinite(x) ? a + x : a), 0).toExponential(9)}`,
);
