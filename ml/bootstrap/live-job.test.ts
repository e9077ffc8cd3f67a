import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLiveModel } from '../live/live-models.ts';
import { toySplit } from '../models/toy-windows.test-helper.ts';
import { initBackend } from '../tf/backend.ts';
import { LIVE_RUL_CAP_H } from './live-data.ts';
import { trainLiveJob, writeLiveJob } from './live-job.ts';

const dirs: string[] = [];
beforeAll(async () => { await initBackend(); });
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('a live RUL model carries its training cap', () => {
  it('records the cap and its held-out MAE as the margin in model.json, and reads them back', async () => {
    const r = await trainLiveJob('rul', toySplit(3, { units: 4 }), { epochs: 1, hidden: 8, batchSize: 64 });
    expect(r.model.meta.targetCap).toEqual({ value: LIVE_RUL_CAP_H, margin: Math.max(r.metrics['mae']!, 0.05 * LIVE_RUL_CAP_H) });
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-live-job-'));
    dirs.push(dir);
    await writeLiveJob(dir, 'rul', r, toySplit(3, { units: 4 }), { scenario: 'toy', kind: 'pump', windowSteps: 8 }, { hyperparameters: { seed: 1 }, datasetFingerprint: 'x' });
    const saved = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as { userDefinedMetadata: { targetCap?: unknown } };
    expect(saved.userDefinedMetadata.targetCap).toEqual(r.model.meta.targetCap);
    const loaded = await loadLiveModel(dir, 'pump', 'rul');
    expect(loaded.model.meta.targetCap).toEqual(r.model.meta.targetCap);
    r.model.dispose();
    loaded.model.dispose();
  });

  it('takes the cap of a model saved before model.json carried it from preprocess.json, the margin from metrics.json', async () => {
    const r = await trainLiveJob('rul', toySplit(4, { units: 4 }), { epochs: 1, hidden: 8, batchSize: 64 });
    delete r.model.meta.targetCap;
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-live-job-'));
    dirs.push(dir);
    await r.model.save(dir);
    await writeFile(path.join(dir, 'preprocess.json'), JSON.stringify({ version: 1, task: 'rul', data: { format: 'sim', capH: 20 } }));
    await writeFile(path.join(dir, 'metrics.json'), JSON.stringify({ test: { mae: 1.7 } }));
    const loaded = await loadLiveModel(dir, 'pump', 'rul');
    expect(loaded.model.meta.targetCap).toEqual({ value: 20, margin: 1.7 });
    r.model.dispose();
    loaded.model.dispose();
  });
});
