import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmse } from '../metrics/index.ts';
import { toySplit } from '../models/toy-windows.test-helper.ts';
import type { WindowSet } from '../window-set.ts';
import { loadTaskModel, trainTask } from './train-task.ts';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

describe('trainTask', () => {
  it('learns RUL well enough to beat the mean predictor by 50 %', async () => {
    const split = toySplit(3);
    const { model, history } = await trainTask('rul', split, { epochs: 30, seed: 1 });
    const truth = split.test.y;
    const baseline = rmse(new Float32Array(truth.length).fill(mean(split.train.y)), truth);
    const got = rmse(model.predict(split.test), truth);
    expect(history.loss.length).toBeGreaterThan(0);
    expect(got).toBeLessThan(0.5 * baseline);
    model.dispose();
  });

  it('is deterministic given the seed', async () => {
    const split = toySplit(4);
    const a = await trainTask('rul', split, { epochs: 3, seed: 9 });
    const b = await trainTask('rul', split, { epochs: 3, seed: 9 });
    expect(Array.from(b.model.predict(split.test))).toEqual(Array.from(a.model.predict(split.test)));
    a.model.dispose();
    b.model.dispose();
  });

  it('reports progress once per epoch', async () => {
    const seen: number[] = [];
    const r = await trainTask('failure', toySplit(5, { classify: true }), { epochs: 2, seed: 1 }, (p) => seen.push(p.epoch));
    expect(seen).toEqual([1, 2]);
    r.model.dispose();
  });

  it('forecasts the next steps of a sine wave with an error under a tenth of its spread', async () => {
    const make = (from: number, n: number): WindowSet => {
      const steps = 8;
      const x = new Float32Array(n * steps);
      const y = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        for (let s = 0; s < steps; s++) x[i * steps + s] = Math.sin((from + i + s) / 3);
        y[2 * i] = Math.sin((from + i + steps) / 3);
        y[2 * i + 1] = Math.sin((from + i + steps + 1) / 3);
      }
      return { n, steps, features: 1, x, featureNames: ['s'], targets: 2, y, targetNames: ['s_t+1', 's_t+2'], group: new Int32Array(n), time: Float64Array.from({ length: n }, (_, i) => from + i) };
    };
    const split = { train: make(0, 400), validation: make(500, 100), test: make(700, 100) };
    const { model } = await trainTask('forecast', split, { epochs: 60, batchSize: 32, seed: 1 });
    expect(model.outputNames).toEqual(['s_t+1', 's_t+2']);
    expect(rmse(model.predict(split.test), split.test.y)).toBeLessThan(0.1 * 0.7);
    model.dispose();
  });

  it.each(['rul', 'failure', 'anomaly'] as const)('saves and loads a %s model that predicts identically', async (task) => {
    const split = toySplit(6, { classify: task === 'failure' });
    const { model } = await trainTask(task, split, { epochs: 2, seed: 2 });
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-ml-'));
    dirs.push(dir);
    await model.save(dir);
    const loaded = await loadTaskModel(dir);
    expect(loaded.task).toBe(task);
    expect(loaded.outputNames).toEqual(model.outputNames);
    expect(Array.from(loaded.predict(split.test))).toEqual(Array.from(model.predict(split.test)));
    model.dispose();
    loaded.dispose();
  });
});
