import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelRegistry } from '../registry/registry.ts';
import type { LiveProgress } from './live-defaults.ts';
import { trainInWorker } from './train-in-worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'twin-train-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trainInWorker', () => {
  it('trains in a worker thread, reporting progress while the caller stays responsive, and resolves with the result', async () => {
    const progress: LiveProgress[] = [];
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 20);
    const job = trainInWorker({ scenarioName: 'glass-plant', registryDir: dir, only: [{ kind: 'pump', task: 'anomaly' }], hours: 60, runs: 1, epochs: 1 }, (p) => progress.push(p));
    const result = await job.done;
    clearInterval(timer);
    expect(result.registered).toMatchObject([{ kind: 'pump', task: 'anomaly', version: 'v1', champion: true }]);
    expect(progress.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^simulating/), expect.stringMatching(/^registered pump\/anomaly v1/)]));
    expect(ticks).toBeGreaterThan(10); // the event loop kept running while the worker simulated and trained
    expect(new ModelRegistry(dir).index({ task: 'anomaly', kind: 'pump' }).champion).toBe('v1');
  }, 60_000);

  it("rejects with the worker's error message", async () => {
    await expect(trainInWorker({ scenarioName: 'no-such-plant', registryDir: dir }).done).rejects.toThrow(/no-such-plant/);
  }, 30_000);

  it('rejects once cancelled', async () => {
    const job = trainInWorker({ scenarioName: 'glass-plant', registryDir: dir, hours: 2000 });
    job.cancel();
    await expect(job.done).rejects.toThrow('training cancelled');
  }, 30_000);
});
