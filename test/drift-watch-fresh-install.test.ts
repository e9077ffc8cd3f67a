/**
 * A fresh install serves a model for every kind and task, each saved with the drift reference of
 * its training inputs (named, as training names them, by the sensor's name within its asset:
 * `zone1_temp`, not `Line_A.furnace.zone1_temp`). The composition root must watch every one of
 * them for drift, and /api/health must say so; a model it cannot watch turns health degraded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine/plant.ts';
import { writeDriftReference } from '../ml/drift/reference-file.ts';
import { assetKinds } from '../ml/live/live-models.ts';
import { standInLiveModels } from '../ml/live/stand-in-models.ts';
import { ModelRegistry } from '../ml/registry/registry.ts';
import { initBackend } from '../ml/tf/backend.ts';
import { loadLibraryScenario } from '../scenarios/library.ts';
import { createTwinServices } from '../twin-api/services/create-twin-services.ts';
import { testAuth } from '../twin-api/test-app.test-helper.ts';
import { checkingWhatIfService } from './api-app.test-helper.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A registry holding a champion for every (kind, task) of the glass plant, as the bootstrap leaves it. */
async function freshRegistry(featureNamesOf: (names: string[]) => string[] = (n) => n) {
  const scenario = loadLibraryScenario('glass-plant');
  const engine = createEngine(scenario);
  engine.runFor(60);
  await initBackend();
  const dir = mkdtempSync(join(tmpdir(), 'drift-watch-'));
  dirs.push(dir);
  const registry = new ModelRegistry(dir);
  const models = standInLiveModels(engine.layout, assetKinds(scenario));
  for (const m of models) {
    const asset = engine.layout.models.find((a) => assetKinds(scenario).get(a.asset) === m.kind)!;
    const names = asset.sensors.map((s) => s.name);
    // The reference is the asset's own sensor values, as training windows hold them.
    const columns = asset.sensors.map((s) => Float64Array.from({ length: 50 }, () => engine.values[engine.layout.sensorIndex.get(s.id)!]!));
    await registry.register({ task: m.task, kind: m.kind }, { name: `${m.kind}-${m.task}`, datasetFingerprint: 'test', hyperparameters: {}, metrics: {} }, async (d) => {
      await m.model.save(d);
      await writeDriftReference(d, { featureNames: featureNamesOf(names), columns });
    });
  }
  return { dir, pairs: models.map((m) => `${m.kind}/${m.task}`) };
}

async function services(modelsDir: string) {
  const scenario = loadLibraryScenario('glass-plant');
  return createTwinServices({
    auth: testAuth(),
    scenario: 'glass-plant',
    clock: { kind: 'paced', speed: 1 },
    warmUpS: 120,
    store: { kind: 'memory' },
    mqtt: null,
    models: { dir: modelsDir, bootstrap: false, retrainOnDrift: false, train: () => ({ done: Promise.resolve({ registered: [], skipped: [] }), cancel: () => {} }) },
    whatIf: checkingWhatIfService(createEngine(scenario).layout.setpoints),
    viewerDist: null,
    log: () => {},
  });
}

describe('drift monitoring on a fresh install', () => {
  it('watches every served model, line models included, and health reports both monitors watching', async () => {
    const { dir, pairs } = await freshRegistry();
    const twin = await services(dir);
    try {
      await twin.start();
      await twin.driftWatchSettled();
      const status = twin.drift.status();
      expect(status.reason).toBeUndefined();
      expect(status.state).toBe('watching');
      expect([...status.models].sort()).toEqual([...pairs].sort());
      expect(pairs).toContain('line/defects');
      const health = (await twin.app.inject({ method: 'GET', url: '/api/health' })).json().data;
      expect(health.monitors).toEqual({ drift: { state: 'watching', models: status.models }, shadow: { state: 'watching' } });
      expect(health.status).toBe('ok');
    } finally {
      await twin.stop();
    }
  });

  it('a model whose inputs are not sensors of the plant is not watched: health is degraded and names it', async () => {
    const { dir } = await freshRegistry((names) => names.map((n) => (n === 'zone1_temp' ? 'zone1_temperature' : n)));
    const twin = await services(dir);
    try {
      await twin.start();
      await twin.driftWatchSettled();
      const health = (await twin.app.inject({ method: 'GET', url: '/api/health' })).json().data;
      expect(health.status).toBe('degraded');
      expect(health.monitors.drift.state).toBe('off');
      expect(health.monitors.drift.reason).toMatch(/line\/defects: model inputs: "zone1_temperature" is not a sensor of Line_A/);
      expect(health.monitors.drift.models).toContain('pump/rul');
    } finally {
      await twin.stop();
    }
  });

  it('before any model is in service, and while the live source is stopped, health says which monitor is off and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drift-watch-empty-'));
    dirs.push(dir);
    const twin = await services(dir);
    try {
      await twin.driftWatchSettled();
      const health = (await twin.app.inject({ method: 'GET', url: '/api/health' })).json().data;
      expect(health.status).toBe('degraded');
      expect(health.monitors.drift).toMatchObject({ state: 'off', reason: expect.stringMatching(/no model in service/) });
      expect(health.monitors.shadow).toMatchObject({ state: 'off', reason: expect.stringMatching(/live source not connected/) });
    } finally {
      await twin.stop();
    }
  });
});
