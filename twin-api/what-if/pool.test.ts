import { afterEach, describe, expect, it } from 'vitest';
import { WhatIfError } from './errors.ts';
import { WorkerPool } from './pool.ts';

const entry = new URL('./pool.test-worker.js', import.meta.url);
const workerHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort' || r === 'Worker').length;
const pools: WorkerPool[] = [];
const open = (size: number) => {
  const p = new WorkerPool(entry, size);
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('worker pool', () => {
  it('runs jobs in parallel, one per worker', async () => {
    const pool = open(2);
    await pool.ready();
    const t = performance.now();
    const results = await Promise.all([1, 2, 3, 4].map((echo) => pool.run({ echo, sleepMs: 300 })));
    const ms = performance.now() - t;
    expect(results).toEqual([1, 2, 3, 4]);
    // Four 300 ms jobs on two workers: two rounds, not four.
    expect(ms).toBeGreaterThanOrEqual(590);
    expect(ms).toBeLessThan(1150);
  });

  it('reports a job error and a worker crash as errors, and keeps serving', async () => {
    const pool = open(1);
    await expect(pool.run({ fail: 'no such plant' })).rejects.toMatchObject({ code: 'TWIN_ERR_WHAT_IF_WORKER_FAILED', message: 'no such plant' });
    await expect(pool.run({ die: true })).rejects.toThrow(/a what-if worker died: exit code 3/);
    await expect(pool.run({ throwUncaught: true })).rejects.toThrow(/a what-if worker died: boom/);
    expect(await pool.run({ echo: 'still here' })).toBe('still here');
  });

  it('closes cleanly: workers exit, queued jobs fail, later jobs are refused', async () => {
    const before = workerHandles();
    const pool = new WorkerPool(entry, 2);
    await pool.ready();
    expect(workerHandles()).toBeGreaterThan(before);
    const pending = expect(pool.run({ echo: 1, sleepMs: 5000 })).rejects.toMatchObject({ code: 'TWIN_ERR_WHAT_IF_CLOSED' });
    await pool.close();
    await pending;
    await expect(pool.run({ echo: 2 })).rejects.toBeInstanceOf(WhatIfError);
    expect(workerHandles()).toBe(before);
  });

  it('fails start-up and jobs when the worker cannot load', async () => {
    const broken = new WorkerPool(new URL('./no-such-worker.js', import.meta.url), 1);
    pools.push(broken);
    await expect(broken.ready()).rejects.toMatchObject({ code: 'TWIN_ERR_WHAT_IF_WORKER_FAILED' });
    await expect(broken.run({ echo: 1 })).rejects.toMatchObject({ code: 'TWIN_ERR_WHAT_IF_WORKER_FAILED' });
  });
});
