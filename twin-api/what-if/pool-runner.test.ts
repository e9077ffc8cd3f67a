import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { snapshotToBinary } from '../../engine/snapshot.ts';
import { plantRef } from '../../lookahead/plant-key.ts';
import { inProcessRolloutRunner } from '../../lookahead/rollout-runner.ts';
import { DEFECT_TYPES } from '../../physics/model.ts';
import { WHAT_IF_DEFECT_TYPES } from '../../protocol/what-if.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { poolRolloutRunner, splitSeeds, type PoolRolloutRunner } from './pool-runner.ts';

let pool: PoolRolloutRunner;
beforeAll(async () => {
  pool = poolRolloutRunner({ workers: 2, warmUp: false });
  await pool.ready();
}, 60_000);
afterAll(() => pool.close());

describe('worker-pool rollout runner', () => {
  it('gives the in-process runner’s traces for the same job, seeds split across workers', async () => {
    const scenario = loadLibraryScenario('furnace-overheat-crack-storm');
    const live = createEngine(scenario);
    live.runUntil(9 * 3600 + 7);
    const job = {
      plant: plantRef(scenario),
      snapshot: snapshotToBinary(live.snapshot()),
      plan: {
        steps: [
          { atS: 0, setpoint: 'Line_A.furnace_temp', value: 1420 },
          { atS: 95, setpoint: 'Line_A.belt_speed', value: 110 },
        ],
        horizonS: 900,
        stepS: 10,
        seeds: [5, 1, 3],
        scope: 'affected' as const,
      },
    };
    const inProcess = await inProcessRolloutRunner().run(job);
    expect(await pool.run(job)).toEqual(inProcess);
  });

  it('rejects a foreign snapshot with a coded error', async () => {
    const scenario = loadLibraryScenario('glass-plant');
    const other = createEngine({ ...scenario, lines: scenario.lines.slice(0, 1) });
    const plan = { steps: [], horizonS: 60, stepS: 10, seeds: [1], scope: 'affected' as const };
    await expect(pool.run({ plant: plantRef(scenario), snapshot: snapshotToBinary(other.snapshot()), plan })).rejects.toMatchObject({ code: 'TWIN_ERR_WHAT_IF_BAD_SNAPSHOT' });
  });

  it('splits seeds into balanced contiguous chunks', () => {
    expect(splitSeeds([1, 2, 3, 4, 5], 2)).toEqual([[1, 2, 3], [4, 5]]);
    expect(splitSeeds([9], 4)).toEqual([[9]]);
  });
});

describe('what-if wire schema', () => {
  it('lists the defect types physics has, in its order', () => {
    expect([...WHAT_IF_DEFECT_TYPES]).toEqual([...DEFECT_TYPES]);
  });
});
