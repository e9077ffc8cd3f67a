import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import type { LiveDefaultsResult, LiveProgress } from '../../ml/bootstrap/live-defaults.ts';
import type { TrainInWorkerOptions, TrainingJob } from '../../ml/bootstrap/train-in-worker.ts';
import { assetKinds } from '../../ml/live/live-models.ts';
import { standInLiveModels } from '../../ml/live/stand-in-models.ts';
import { ModelRegistry, type TaskIndex } from '../../ml/registry/registry.ts';
import { initBackend } from '../../ml/tf/backend.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { ModelService, type JobView } from './model-service.ts';

const scenario = loadLibraryScenario('glass-plant');
const engine = createEngine(scenario);
const kinds = assetKinds(scenario);

/**
 * A trainer that registers untrained stand-in models (real files, real registry) for the asked
 * pairs, in-process, and finishes when the test says so: the service's logic without minutes of training.
 */
function fakeTrainer(behaviour: { promote?: boolean } = {}) {
  const calls: TrainInWorkerOptions[] = [];
  let finish: () => void = () => {};
  const train = (opts: TrainInWorkerOptions, onProgress: (p: LiveProgress) => void): TrainingJob => {
    calls.push(opts);
    const registry = new ModelRegistry(opts.registryDir);
    const wanted = standInLiveModels(engine.layout, kinds).filter((m) => !opts.only || opts.only.some((o) => o.kind === m.kind && o.task === m.task));
    const done = new Promise<LiveDefaultsResult>((resolve) => {
      finish = async () => {
        const registered: LiveDefaultsResult['registered'] = [];
        for (const [i, m] of wanted.entries()) {
          const key = { task: m.task, kind: m.kind };
          const v = await registry.register(key, { name: `${m.kind}-${m.task}`, datasetFingerprint: 'test', hyperparameters: {}, metrics: { score: i } }, (dir) => m.model.save(dir));
          // As the real trainer does when the champion's features no longer match the sensors.
          if (behaviour.promote) registry.promote(key, v.version);
          registered.push({ kind: m.kind, task: m.task, version: v.version, metrics: { score: i }, champion: true, decision: 'first' });
          onProgress({ kind: m.kind, task: m.task, done: i + 1, total: wanted.length, etaS: 0, message: `${m.kind}/${m.task}` });
        }
        resolve({ registered, skipped: [] });
      };
    });
    return { done, cancel: () => {} };
  };
  return { train, calls, finish: () => finish() };
}

/** Waits (polling) until `cond` holds: the service reloads models after a job, asynchronously. */
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ModelService', () => {
  let dir: string;
  beforeAll(async () => {
    await initBackend();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const service = (bootstrap: boolean, trainer = fakeTrainer(), jobs: JobView[] = []) => {
    dir = mkdtempSync(join(tmpdir(), 'twin-models-'));
    return { s: new ModelService({ layout: engine.layout, kinds, scenarioName: 'glass-plant', registryDir: dir, bootstrap, train: trainer.train, onJob: (j) => jobs.push(j) }), trainer, jobs };
  };

  it('on a first start trains the defaults in the background, then serves them', async () => {
    const { s, trainer, jobs } = service(true);
    await s.start();
    expect(s.status()).toMatchObject({ status: 'training', backend: 'wasm' });
    expect(s.predictor.predictNow().get('pump_001')?.status).toEqual({ rul: 'loading', failure: 'loading', anomaly: 'loading' });
    await trainer.finish();
    await until(() => s.status().status !== 'training');
    expect(s.status().status).toBe('ready');
    expect(s.status().detail).toMatch(/^26 of 26 live models in service/);
    const pump = s.predictor.predictNow().get('pump_001')!;
    expect(pump.status).toEqual({ rul: 'ready', failure: 'ready', anomaly: 'ready' });
    expect(typeof pump.rul?.hours).toBe('number');
    expect(jobs.at(-1)).toMatchObject({ reason: 'bootstrap', requestedBy: 'system', state: 'done' });
    expect(jobs.some((j) => j.progress?.done === 13)).toBe(true);
    s.close();
  });

  it('does not train on start when bootstrap is off, and reports no models', async () => {
    const { s, trainer } = service(false);
    await s.start();
    expect(trainer.calls).toEqual([]);
    expect(s.status()).toMatchObject({ status: 'none', job: null });
    s.close();
  });

  it('retrains some models as one job at a time, promotes the challenger and rolls it back', async () => {
    const { s, trainer } = service(true);
    await s.start();
    await trainer.finish();
    await until(() => s.status().status !== 'training');
    const job = s.retrain([{ kind: 'pump', task: 'rul' }], 'eng-1');
    expect(trainer.calls.at(-1)?.only).toEqual([{ kind: 'pump', task: 'rul' }]);
    expect(() => s.retrain(undefined, 'eng-2')).toThrow(/still running/);
    expect(() => s.promote('rul', 'pump', 'v1')).toThrow(/is writing the registry/);
    await trainer.finish();
    await until(() => s.job(job.id).state !== 'running');
    expect(s.job(job.id)).toMatchObject({ state: 'done', requestedBy: 'eng-1' });
    const pumpRul = s.list().find((i) => i.task === 'rul' && i.kind === 'pump')!;
    expect(pumpRul).toMatchObject({ champion: 'v1', challenger: 'v2' });
    expect(s.promote('rul', 'pump')).toMatchObject({ champion: 'v2', previousChampions: ['v1'] });
    expect(s.rollback('rul', 'pump')).toMatchObject({ champion: 'v1', challenger: 'v2' });
    s.close();
  });

  it('after an upgrade that changed a kind\'s sensors, serves the rest and retrains only the models that no longer fit', async () => {
    const trainer = fakeTrainer({ promote: true });
    const logs: string[] = [];
    dir = mkdtempSync(join(tmpdir(), 'twin-models-'));
    const registry = new ModelRegistry(dir);
    // Every champion in place, but the line's defect model was trained on other sensors (a pump's).
    const pumpRul = standInLiveModels(engine.layout, kinds).find((m) => m.kind === 'pump' && m.task === 'rul')!;
    for (const m of standInLiveModels(engine.layout, kinds)) {
      const saved = m.kind === 'line' && m.task === 'defects' ? pumpRul : m;
      await registry.register({ task: m.task, kind: m.kind }, { name: 'old', datasetFingerprint: 'old', hyperparameters: {}, metrics: {} }, (d) => saved.model.save(d));
    }
    const s = new ModelService({ layout: engine.layout, kinds, scenarioName: 'glass-plant', registryDir: dir, bootstrap: true, train: trainer.train, log: (l) => logs.push(l) });
    await s.start();
    expect(logs.join('\n')).toMatch(/model line\/defects not served: line\/defects model features \[.*\] differ from the sensors/);
    expect(trainer.calls.map((c) => c.only)).toEqual([[{ kind: 'line', task: 'defects' }]]);
    expect(s.status().detail).toMatch(/^25 of 26 live models in service/);
    expect(s.predictor.predictNow().get('Line_A')?.status).toMatchObject({ defects: 'loading', anomaly: 'ready' });
    await trainer.finish();
    await until(() => s.status().status !== 'training');
    expect(s.status()).toMatchObject({ status: 'ready', detail: expect.stringMatching(/^26 of 26/) });
    expect(s.predictor.predictNow().get('Line_A')?.status).toMatchObject({ defects: 'ready', anomaly: 'ready' });
    s.close();
  });

  it('hands the registry to onRegistry after start and again after a promote, with the champion moved', async () => {
    dir = mkdtempSync(join(tmpdir(), 'twin-models-'));
    const registry = new ModelRegistry(dir);
    const pumpRul = standInLiveModels(engine.layout, kinds).find((m) => m.kind === 'pump' && m.task === 'rul')!;
    for (const name of ['first', 'second']) {
      await registry.register({ task: 'rul', kind: 'pump' }, { name, datasetFingerprint: 'test', hyperparameters: {}, metrics: {} }, (d) => pumpRul.model.save(d));
    }
    const seen: (readonly TaskIndex[])[] = [];
    const s = new ModelService({ layout: engine.layout, kinds, scenarioName: 'glass-plant', registryDir: dir, bootstrap: false, train: fakeTrainer().train, onRegistry: (i) => seen.push(i) });
    await s.start();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual([expect.objectContaining({ task: 'rul', kind: 'pump', champion: 'v1', challenger: 'v2', versions: [expect.objectContaining({ version: 'v1', name: 'first' }), expect.objectContaining({ version: 'v2', name: 'second' })] })]);
    s.promote('rul', 'pump');
    await until(() => seen.length === 2);
    expect(seen[1]).toEqual([expect.objectContaining({ task: 'rul', kind: 'pump', champion: 'v2', previousChampions: ['v1'] })]);
    expect(seen[1]![0]).not.toHaveProperty('challenger');
    s.close();
  });

  it('refuses a retrain of a kind or task this plant does not have, naming it', async () => {
    const { s } = service(false);
    await s.start();
    expect(() => s.retrain([{ kind: 'submarine', task: 'rul' }], 'eng')).toThrow('only: no asset of kind "submarine" in this plant');
    expect(() => s.retrain([{ kind: 'line', task: 'rul' }], 'eng')).toThrow(/kind "line" has no live task "rul"/);
    expect(() => s.job('job-99')).toThrow('no training job "job-99"');
    s.close();
  });
});
