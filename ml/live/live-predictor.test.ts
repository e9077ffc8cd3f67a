import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/plant.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { initBackend } from '../tf/backend.ts';
import { assetKinds } from './live-models.ts';
import { LivePredictor } from './live-predictor.ts';
import { standInLiveModels } from './stand-in-models.ts';

const scenario = loadLibraryScenario('glass-plant');
const kinds = assetKinds(scenario);
beforeAll(async () => { await initBackend(); });

describe('LivePredictor', () => {
  const engine = createEngine(scenario);
  afterAll(() => engine.dispose());

  it('reports every asset with its models missing until they are attached', () => {
    const live = new LivePredictor(engine.layout, kinds);
    let preds = live.predictNow();
    expect(preds.get('pump_001')?.status).toEqual({ rul: 'missing', failure: 'missing', anomaly: 'missing' });
    expect(preds.get('Line_A')?.status).toEqual({ defects: 'missing', anomaly: 'missing' });
    live.setStatus('pump', 'rul', 'loading');
    for (const m of standInLiveModels(engine.layout, kinds)) if (m.kind !== 'pump') live.setModel(m);
    preds = live.predictNow();
    expect(preds.get('pump_001')?.status.rul).toBe('loading');
    expect(preds.get('pump_001')?.rul).toBeUndefined();
    expect(preds.get('motor_001')?.status).toEqual({ rul: 'ready', failure: 'ready', anomaly: 'ready' });
    live.dispose();
  });

  it('predicts RUL, failure, anomaly and defects with explanations, one batched call per model', () => {
    const models = standInLiveModels(engine.layout, kinds);
    const calls = new Map<string, number>();
    for (const m of models) {
      const raw = m.model.raw.bind(m.model);
      m.model.raw = (x, n, c) => { calls.set(`${m.kind}/${m.task}`, (calls.get(`${m.kind}/${m.task}`) ?? 0) + 1); return raw(x, n, c); };
    }
    const live = new LivePredictor(engine.layout, kinds, models, { sampleEveryS: 60 });
    let preds = live.onFrame(frameAfter(engine, 1));
    calls.clear();
    preds = live.onFrame(frameAfter(engine, 60));
    expect([...calls.values()].every((c) => c === 1)).toBe(true);
    expect(calls.size).toBe(models.length);
    const motor = preds.get('motor_001')!;
    expect(motor.rul?.hours).toBeGreaterThanOrEqual(0);
    expect(motor.rul?.kind).toBe('estimate'); // stand-ins record no cap: nothing to censor at
    expect(motor.failureProbability?.value).toBeGreaterThanOrEqual(0);
    expect(motor.failureProbability?.value).toBeLessThanOrEqual(1);
    expect(motor.failureProbability?.explanation).toHaveLength(3);
    expect(motor.anomaly?.topSensors[0]?.feature).toMatch(/\w/);
    const line = preds.get('Line_A')!;
    expect(Object.keys(line.defects?.probabilities ?? {})).toHaveLength(6);
    expect(line.defects?.explanation.length).toBe(3);
    live.dispose();
  });

  it('keeps tf.memory().numTensors flat over 10,000 asset predictions', () => {
    const live = new LivePredictor(engine.layout, kinds, standInLiveModels(engine.layout, kinds), { sampleEveryS: 1, explain: false });
    live.onFrame(frameAfter(engine, 1));
    const before = tf.memory().numTensors;
    let predictions = 0;
    const sub = engine.frames$.subscribe((f) => { predictions += live.onFrame(f).size; });
    while (predictions < 10_000) engine.step(1);
    sub.unsubscribe();
    expect(tf.memory().numTensors).toBe(before);
    const explained = new LivePredictor(engine.layout, kinds, standInLiveModels(engine.layout, kinds), { sampleEveryS: 1 });
    explained.onFrame(frameAfter(engine, 1));
    const before2 = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) explained.onFrame(frameAfter(engine, 1));
    expect(tf.memory().numTensors).toBe(before2);
    live.dispose();
    explained.dispose();
  });
});

/** The frame the engine emits after `s` more seconds. */
function frameAfter(engine: ReturnType<typeof createEngine>, s: number): Parameters<LivePredictor['onFrame']>[0] {
  let last: Parameters<LivePredictor['onFrame']>[0] | undefined;
  const sub = engine.frames$.subscribe((f) => { last = f; });
  engine.runFor(s);
  sub.unsubscribe();
  return last!;
}
