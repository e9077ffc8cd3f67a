import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../tf/backend.ts';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { ModelRegistry } from '../registry/registry.ts';
import { assetKinds, loadChampionModels, loadLiveModels } from './live-models.ts';
import { LivePredictor } from './live-predictor.ts';
import { standInLiveModels } from './stand-in-models.ts';

const dirs: string[] = [];
beforeAll(async () => { await initBackend(); });
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('loadLiveModels', () => {
  it('finds <root>/<kind>/<task> models with the scaler of their preprocess.json, and skips absent ones', async () => {
    const scenario = loadLibraryScenario('glass-plant');
    const engine = createEngine(scenario);
    const kinds = assetKinds(scenario);
    expect(kinds.get('pump_001')).toBe('pump');
    expect(kinds.get('Line_A')).toBe('line');
    const pumpRul = standInLiveModels(engine.layout, kinds).find((m) => m.kind === 'pump' && m.task === 'rul')!;
    const root = await mkdtemp(path.join(tmpdir(), 'twin-live-'));
    dirs.push(root);
    const dir = path.join(root, 'pump', 'rul');
    await mkdir(dir, { recursive: true });
    await pumpRul.model.save(dir);
    const scaler = { kind: 'zscore', featureNames: pumpRul.model.meta.featureNames, offset: pumpRul.model.meta.featureNames.map(() => 1), scale: pumpRul.model.meta.featureNames.map(() => 2) };
    await writeFile(path.join(dir, 'preprocess.json'), JSON.stringify({ version: 1, scaler }));
    const loaded = await loadLiveModels(root, kinds.values());
    expect(loaded.map((m) => `${m.kind}/${m.task}`)).toEqual(['pump/rul']);
    expect(loaded[0]!.scaler?.scale[0]).toBe(2);
    loaded.forEach((m) => m.model.dispose());
    pumpRul.model.dispose();
    engine.dispose();
  });
});

describe('loadChampionModels', () => {
  it('loads the champion of each (kind, task) the kinds need, skips the absent and reports the unloadable', async () => {
    const scenario = loadLibraryScenario('glass-plant');
    const engine = createEngine(scenario);
    const kinds = assetKinds(scenario);
    const registry = new ModelRegistry(await mkdtemp(path.join(tmpdir(), 'twin-live-reg-')));
    dirs.push(registry.root);
    const standIns = standInLiveModels(engine.layout, kinds);
    const pick = (kind: string, task: string) => standIns.find((m) => m.kind === kind && m.task === task)!;
    const entry = { name: 'x', datasetFingerprint: 'f', hyperparameters: {}, metrics: {} };
    const scaler = (n: number) => ({ kind: 'zscore', featureNames: pick('pump', 'rul').model.meta.featureNames, offset: [0], scale: Array(n).fill(3) });
    await registry.register({ task: 'rul', kind: 'pump' }, entry, async (dir) => {
      await pick('pump', 'rul').model.save(dir);
      await writeFile(path.join(dir, 'preprocess.json'), JSON.stringify({ version: 1, scaler: scaler(pick('pump', 'rul').model.meta.featureNames.length) }));
    });
    await registry.register({ task: 'defects', kind: 'line' }, entry, (dir) => pick('line', 'defects').model.save(dir));
    await registry.register({ task: 'anomaly', kind: 'fan' }, entry, async (dir) => { await mkdir(dir, { recursive: true }); await writeFile(path.join(dir, 'model.json'), '{}'); });
    await registry.register({ task: 'rul', kind: 'no_such_kind' }, entry, (dir) => pick('cnc', 'rul').model.save(dir)); // not asked for
    const skipped: string[] = [];
    const loaded = await loadChampionModels(registry, kinds.values(), (kind, task) => skipped.push(`${kind}/${task}`));
    expect(loaded.map((m) => `${m.kind}/${m.task}`).sort()).toEqual(['line/defects', 'pump/rul']);
    expect(skipped).toEqual(['fan/anomaly']);
    expect(loaded.find((m) => m.task === 'rul')!.scaler?.scale[0]).toBe(3);
    expect(loaded.find((m) => m.task === 'defects')!.scaler).toBeUndefined();
    const live = new LivePredictor(engine.layout, kinds, loaded);
    expect(live.predictNow().get('pump_001')?.status.rul).toBe('ready');
    live.dispose();
    standIns.forEach((m) => m.model.dispose());
    engine.dispose();
  });
});
