import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { snapshotToBinary } from '../engine/snapshot.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { Lookahead } from './lookahead.ts';
import { plantRef } from './plant-key.ts';
import { inProcessRolloutRunner } from './rollout-runner.ts';

const scenario = loadLibraryScenario('furnace-overheat-crack-storm');
const live = createEngine(scenario);
live.runUntil(9 * 3600);
const job = {
  plant: plantRef(scenario),
  snapshot: snapshotToBinary(live.snapshot()),
  plan: { steps: [{ atS: 0, setpoint: 'Line_A.furnace_temp', value: 1420 }], horizonS: 1200, stepS: 10, seeds: [4, 2], scope: 'affected' as const },
};

describe('in-process rollout runner', () => {
  it('gives what the look-ahead gives, seeds in the plan order, and the same again', async () => {
    const runner = inProcessRolloutRunner();
    const r = await runner.run(job);
    expect(r).toEqual(new Lookahead().run(job));
    expect(r.seeds.map((s) => s.seed)).toEqual([4, 2]);
    expect(r.assets).toEqual(['Line_A']);
    expect(r.startTS).toBe(9 * 3600);
    expect(await runner.run(job)).toEqual(r);
  });

  it('rejects what the look-ahead refuses, and every run once closed', async () => {
    const runner = inProcessRolloutRunner();
    await expect(runner.run({ ...job, plan: { ...job.plan, steps: [{ atS: 0, setpoint: 'Line_A.nope', value: 1 }] } })).rejects.toThrow(RangeError);
    await runner.close();
    await expect(runner.run(job)).rejects.toThrow('the rollout runner is closed');
  });
});
