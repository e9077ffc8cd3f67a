import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { assetKinds, loadChampionModels } from '../live/live-models.ts';
import { LivePredictor } from '../live/live-predictor.ts';
import { ModelRegistry } from '../registry/registry.ts';
import { recordSimRuns } from '../data/sim-record.ts';
import { loadDriftReference } from '../live/live-models.ts';
import { judgeAgainstChampion } from './champion-check.ts';
import { liveData } from './live-data.ts';
import { trainLiveDefaults, type LiveDefaultsOptions } from './live-defaults.ts';
import { liveJobs } from './live-plan.ts';
import { liveRunOptions } from './live-recordings.ts';

const scenario = loadLibraryScenario('glass-plant');
const registry = new ModelRegistry(mkdtempSync(join(tmpdir(), 'twin-live-defaults-')), () => new Date(Date.UTC(2024, 0, 1)));
afterAll(() => rmSync(registry.root, { recursive: true, force: true }));
// Tiny: 2 runs × 120 h and 2 epochs, enough for labels of each kind below, not for good models.
const tiny: Omit<LiveDefaultsOptions, 'registry'> = {
  scenario,
  hours: 120,
  runs: 2,
  epochs: 2,
  only: [{ kind: 'pump', task: 'anomaly' }, { kind: 'cnc', task: 'failure' }, { kind: 'line', task: 'defects' }, { kind: 'conveyor', task: 'failure' }],
};

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

describe('trainLiveDefaults', () => {
  it('plans every (kind, task) the plant needs: rul, failure, anomaly per machine kind, defects and anomaly for lines', () => {
    const jobs = liveJobs(scenario);
    const kinds = new Set(scenario.machines.map((m) => m.profile));
    expect(jobs).toHaveLength(3 * kinds.size + 2);
    expect(jobs.slice(-2)).toEqual([{ kind: 'line', task: 'defects' }, { kind: 'line', task: 'anomaly' }]);
    expect(() => liveJobs(scenario, [{ kind: 'robot', task: 'rul' }])).toThrow(/no assets of kind "robot".*kinds: cnc, /);
    expect(() => liveJobs(scenario, [{ kind: 'line', task: 'rul' }])).toThrow(/kind line has no live task "rul"/);
  });

  it('registers champions a LivePredictor accepts, skips a kind without labels, and reports progress', async () => {
    const progress: { done: number; total: number; etaS: number | null; message: string }[] = [];
    const { registered, skipped } = await trainLiveDefaults({ ...tiny, registry, onProgress: (p) => progress.push(p) });
    expect(registered.map((r) => `${r.kind}/${r.task} ${r.version} ${r.champion}`)).toEqual(['cnc/failure v1 true', 'pump/anomaly v1 true', 'line/defects v1 true']);
    expect(skipped).toEqual([{ kind: 'conveyor', task: 'failure', reason: expect.stringMatching(/no conveyor failed/) }]);
    expect(registered.find((r) => r.task === 'failure')!.metrics['n']).toBeGreaterThan(0);
    const v = registry.get({ task: 'defects', kind: 'line' });
    expect(v).toMatchObject({ kind: 'line', name: 'defects-line', datasetFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), hyperparameters: { epochs: 2, hours: 120, sampleEveryS: 600, windowSteps: 12 } });
    expect(JSON.parse(readFileSync(join(registry.dir({ task: 'defects', kind: 'line' }), 'preprocess.json'), 'utf8'))).toMatchObject({ task: 'defects', data: { format: 'sim', kind: 'line', horizonH: 1 } });
    // Each model keeps a sample of its unscaled training inputs, in its feature order, for drift checks.
    const pre = JSON.parse(readFileSync(join(registry.dir({ task: 'failure', kind: 'cnc' }), 'preprocess.json'), 'utf8')) as { featureNames: string[]; scaler: { offset: number[] } };
    const ref = await loadDriftReference(registry.dir({ task: 'failure', kind: 'cnc' }));
    expect(ref?.featureNames).toEqual(pre.featureNames);
    expect(ref!.columns[0]!.length).toBeGreaterThan(100);
    expect(ref!.columns[0]!.length).toBeLessThanOrEqual(2000);
    expect(Math.abs(mean(ref!.columns[0]!) - pre.scaler.offset[0]!)).toBeLessThan(Math.abs(pre.scaler.offset[0]!) * 0.1 + 1); // unscaled: near the training mean, not near 0
    expect(progress[0]!.message).toMatch(/simulating 2 × 120 h/);
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4, etaS: 0 });

    const kinds = assetKinds(scenario);
    const models = await loadChampionModels(registry, kinds.values());
    expect(models.map((m) => `${m.kind}/${m.task}`).sort()).toEqual(['cnc/failure', 'line/defects', 'pump/anomaly']);
    const engine = createEngine(scenario);
    const live = new LivePredictor(engine.layout, kinds, models); // throws if features differ from the kind's sensors
    let preds = live.predictNow();
    engine.frames$.subscribe((f) => { preds = live.onFrame(f); });
    engine.runFor(3 * 600);
    expect(preds.get('pump_001')?.anomaly?.score).toBeGreaterThanOrEqual(0);
    expect(preds.get('cnc_001')?.failureProbability?.value).toBeGreaterThanOrEqual(0);
    expect(Object.keys(preds.get('Line_A')?.defects?.probabilities ?? {})).toContain('crack_1h');
    live.dispose();
    engine.dispose();
  }, 60_000);

  it('keeps the champion unless a challenger beats it on the same held-out windows', async () => {
    const { registered } = await trainLiveDefaults({ ...tiny, only: [{ kind: 'pump', task: 'anomaly' }], registry });
    const key = { task: 'anomaly', kind: 'pump' } as const;
    expect(registered[0]).toMatchObject({ version: 'v2' });
    expect(registry.index(key).champion).toBe(registered[0]!.champion ? 'v2' : 'v1');
    expect(registered[0]!.decision).toMatch(/f1/);
    // The champion is scored anew on the windows given: a hopeless challenger loses, a perfect one wins.
    const runs = recordSimRuns(liveRunOptions({ kind: 'pump', task: 'anomaly' }, { scenario, hours: 120, runs: 2, seed: scenario.seed }));
    const data = liveData('anomaly', 'pump', runs, { windowSteps: 12, maxTrain: 4000, maxHeldOut: 2000 });
    if (!('split' in data)) throw new Error(data.reason);
    expect(await judgeAgainstChampion(registry, 'anomaly', 'pump', data.split.test, { f1: -1 })).toMatchObject({ promote: false, reason: expect.stringMatching(/does not beat the champion/) });
    expect(await judgeAgainstChampion(registry, 'anomaly', 'pump', data.split.test, { f1: 2 })).toMatchObject({ promote: true, reason: expect.stringMatching(/^f1 0\.\d+ → 2\.0000$/) });
    const otherSensors = { ...data.split.test, featureNames: data.split.test.featureNames.map((n) => `${n}_renamed`) };
    expect(await judgeAgainstChampion(registry, 'anomaly', 'pump', otherSensors, { f1: 0.1 })).toMatchObject({ promote: true, reason: expect.stringMatching(/no longer match the sensors/) });
  }, 60_000);
});
