import { describe, expect, it } from 'vitest';
import { toyScenario } from '../engine/toy-model.test-helper.ts';
import { meteredPlantOf } from './metered-plant.ts';
import { probeModel, type ProbeStep } from './probe-model.test-helper.ts';
import { runBranch, sampleTimesS } from './run-branch.ts';

function probePlant(startS: number) {
  const log: ProbeStep[] = [];
  const plant = meteredPlantOf(toyScenario(), [probeModel(log)], null);
  plant.engine.runUntil(startS);
  log.length = 0;
  return { plant, log };
}

/** The log starts at the fork and each step starts where the last ended: no gap, no overlap. */
function expectContiguous(log: readonly ProbeStep[], fromS: number, toS: number) {
  let t = fromS;
  for (const s of log) {
    expect(s.tS).toBeCloseTo(t, 9);
    t += s.dtS;
  }
  expect(t).toBeCloseTo(toS, 9);
}

describe('runBranch', () => {
  it('lands a change off the coarse grid exactly at its time, splitting the coarse step', () => {
    const { plant, log } = probePlant(7);
    runBranch(plant, 1, [{ atS: 25, setpoint: 'probe.u', value: 60 }], 100, 10, sampleTimesS(100, 10));
    expectContiguous(log, 7, 107);
    const first = log.findIndex((s) => s.u === 60);
    expect(log[first]!.tS).toBe(32);
    expect(log.slice(first).every((s) => s.u === 60)).toBe(true);
    // 1 s to the grid at 10, coarse to 30, 1 s to the change at 32 and on to 40, coarse to 100, 1 s to 107.
    expect(log.map((s) => s.dtS)).toEqual([1, 1, 1, 10, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, ...Array(6).fill(10), ...Array(7).fill(1)]);
  });

  it('applies steps in time order, several at one time together, and "now" before the first tick', () => {
    const { plant, log } = probePlant(0);
    const steps = [
      { atS: 0, setpoint: 'probe.u', value: 10 },
      { atS: 40, setpoint: 'probe.u', value: 20 },
      { atS: 40, setpoint: 'probe.u', value: 30 },
      { atS: 70, setpoint: 'probe.u', value: 40 },
    ];
    runBranch(plant, 1, steps, 90, 10, sampleTimesS(90, 10));
    expectContiguous(log, 0, 90);
    const uAt = (tS: number) => log.find((s) => s.tS === tS)!.u;
    expect([uAt(0), uAt(30), uAt(40), uAt(60), uAt(70), uAt(80)]).toEqual([10, 10, 30, 30, 40, 40]);
    expect(log.every((s) => s.dtS === 10)).toBe(true); // every change on the grid: no step was split
  });

  it('pairs seeds: the same seed gives the same future, another seed another, and the plan only changes the changed branch', () => {
    const { plant } = probePlant(0);
    const samples = sampleTimesS(600, 10);
    const base1 = runBranch(plant, 1, [], 600, 10, samples);
    expect(runBranch(plant, 1, [], 600, 10, samples)).toEqual(base1);
    expect(runBranch(plant, 2, [], 600, 10, samples).units).not.toBe(base1.units);
    const changed = runBranch(plant, 1, [{ atS: 300, setpoint: 'probe.u', value: 80 }], 600, 10, samples);
    // Same random streams: the same units; defects only after the change.
    expect(changed.units).toBe(base1.units);
    expect(base1.defects.crack).toBe(0);
    expect(changed.defects.crack).toBeGreaterThan(0);
    const at300 = samples.indexOf(300);
    expect(changed.series.defects[at300]).toBe(0);
    expect(changed.series.defects.at(-1)).toBe(2 * changed.defectiveUnits);
    // The plant the branches fork from is never moved.
    expect(plant.engine.tS).toBe(0);
  });

  it('meets the horizon exactly when it is not a multiple of the coarse step', () => {
    const { plant, log } = probePlant(3);
    runBranch(plant, 1, [], 65, 30, sampleTimesS(65, 30));
    expectContiguous(log, 3, 68);
  });
});
