import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../tf/backend.ts';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { assetKinds, loadLiveModels } from './live-models.ts';
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
