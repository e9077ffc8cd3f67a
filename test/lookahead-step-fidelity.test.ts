import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { defectRateByStep } from '../lookahead/step-fidelity.ts';
import { DEFAULT_LOOKAHEAD_STEP_S, DEFAULT_SEEDS } from '../protocol/what-if.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';

// The look-ahead runs at 10 s, the plant at 1 s: on the library's line incidents, with and without
// the change an engineer would try, the 4 h defect rate at 10 s stays within one standard error of
// what a what-if at 1 s would say, at the default seed count (σ across seeds / √16). Both means come
// from 128 seeds, so their own difference has a standard error of about σ/8: a bias of the coarse
// step as large as the what-if's own noise would stand out, while chance alone stays well inside.
const CASES: readonly [incident: string, line: string, atH: number, setpoint: string, value: number][] = [
  ['batch-contamination-bubbles', 'Line_A', 3.5, 'Line_A.furnace_temp', 1540],
  ['belt-overspeed-deformation', 'Line_A', 1.25, 'Line_A.belt_speed', 120],
  ['forming-pressure-oscillation-bubbles', 'Line_B', 1.75, 'Line_B.forming_pressure', 30],
  ['furnace-underheat-cloudiness', 'Line_C', 5, 'Line_C.furnace_temp', 1560],
  ['lehr-fan-failure-cooling-shock', 'Line_C', 5.25, 'Line_C.lehr_cooling_rate', 2],
];
const SEEDS = Array.from({ length: 128 }, (_, i) => i + 1);

describe(`the ${DEFAULT_LOOKAHEAD_STEP_S} s look-ahead step against the plant's 1 s step`, () => {
  for (const [incident, line, atH, setpoint, value] of CASES) {
    it(`${incident} at ${atH} h, holding and with ${setpoint} → ${value}`, () => {
      const scenario = loadLibraryScenario(incident);
      expect(scenario.stepS).toBe(1);
      const live = createEngine(scenario);
      live.runUntil(atH * 3600);
      const at = { snapshot: snapshotToBinary(live.snapshot()), layout: live.layout };
      for (const change of [null, { setpoint, value }]) {
        const [fine, coarse] = defectRateByStep({ scenario, asset: line, live: at, change, horizonS: 4 * 3600, seeds: SEEDS }, [1, DEFAULT_LOOKAHEAD_STEP_S]);
        const whatIfSe = fine!.sd / Math.sqrt(DEFAULT_SEEDS);
        const what = `${change ? `${setpoint} ${value}` : 'holding'}: 1 s ${fine!.mean.toFixed(2)} ± ${fine!.se.toFixed(2)}, ${DEFAULT_LOOKAHEAD_STEP_S} s ${coarse!.mean.toFixed(2)} ± ${coarse!.se.toFixed(2)} per 1,000; a ${DEFAULT_SEEDS}-seed what-if's standard error ${whatIfSe.toFixed(2)}`;
        expect(fine!.mean, what).toBeGreaterThan(0);
        expect(Math.abs(coarse!.mean - fine!.mean), what).toBeLessThanOrEqual(whatIfSe);
      }
      live.dispose();
    }, 300_000);
  }
});
