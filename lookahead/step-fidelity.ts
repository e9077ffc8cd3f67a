/**
 * The step study behind DEFAULT_LOOKAHEAD_STEP_S: how far a coarser look-ahead step moves the
 * defect rate it predicts from the plant's own step. One asset of a scenario is forked at a point
 * of its run and run over the horizon at each step, on many seeds, with and without a setpoint
 * change; a coarse step is faithful when its mean stays within one standard error of the
 * plant-step mean. Steps draw their randomness differently, so the runs are not paired by seed:
 * the comparison is of two independent means.
 */
import type { TwinEngine } from '../engine/engine.ts';
import type { Scenario } from '../engine/scenario.ts';
import { decodeSnapshot } from '../engine/snapshot.ts';
import { buildMeteredPlant } from './metered-plant.ts';
import { resetMeter, totalDefects } from './meter.ts';
import { subSnapshot } from './sub-plant.ts';

export interface StepFidelityCase {
  readonly scenario: Scenario;
  readonly asset: string;
  /** The live plant at this point (its binary snapshot and layout), forked for every run. */
  readonly live: { readonly snapshot: Uint8Array; readonly layout: TwinEngine['layout'] };
  /** A setpoint change applied at the fork, or null for the baseline. */
  readonly change: { readonly setpoint: string; readonly value: number } | null;
  readonly horizonS: number;
  readonly seeds: readonly number[];
}

export interface StepEstimate {
  readonly stepS: number;
  /** Defects per 1,000 units over the horizon: mean over seeds, its standard error, and the spread across seeds. */
  readonly mean: number;
  readonly se: number;
  readonly sd: number;
}

/** The defect rate over the horizon at each step, on the same seeds. */
export function defectRateByStep(c: StepFidelityCase, stepsS: readonly number[]): StepEstimate[] {
  const { engine: sub, meter } = buildMeteredPlant(c.scenario, new Set([c.asset]), null);
  sub.restore(subSnapshot(decodeSnapshot(c.live.snapshot, c.live.layout), c.live.layout, sub));
  const out = stepsS.map((stepS) => {
    const xs = c.seeds.map((seed) => {
      resetMeter(meter);
      const f0 = sub.fork({ seed, sensors: false });
      if (c.change) f0.setSetpoint(c.change.setpoint, c.change.value);
      const f = stepS === f0.stepS ? f0 : f0.fork({ stepS, sensors: false });
      f.runFor(c.horizonS);
      if (f !== f0) f.dispose();
      f0.dispose();
      return meter.units > 0 ? (1000 * totalDefects(meter)) / meter.units : 0;
    });
    const n = xs.length;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
    return { stepS, mean, se: sd / Math.sqrt(n), sd };
  });
  sub.dispose();
  return out;
}
