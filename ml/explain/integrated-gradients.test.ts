import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NetModel } from '../models/net-model.ts';
import { toySplit } from '../models/toy-windows.test-helper.ts';
import { trainTask } from '../train/train-task.ts';
import { integratedGradients, topContributions } from './integrated-gradients.ts';

describe('integratedGradients', () => {
  it('names the wear sensor as the top input of a RUL prediction', async () => {
    const split = toySplit(7);
    const { model } = await trainTask('rul', split, { epochs: 20, seed: 3 });
    const m = model as NetModel;
    const ws = split.test;
    const attr = integratedGradients(m, ws.x, ws.n);
    // Judge windows far from the baseline (the mean state), where wear has something to explain.
    const stride = ws.steps * ws.features;
    let judged = 0;
    let wearFirst = 0;
    for (let i = 0; i < ws.n; i++) {
      if (Math.abs(ws.x[i * stride + (ws.steps - 1) * ws.features]!) < 1) continue;
      judged++;
      if (topContributions(attr, i, m.meta.featureNames, 1)[0]!.feature === 'wear') wearFirst++;
    }
    expect(judged).toBeGreaterThan(20);
    expect(wearFirst).toBeGreaterThanOrEqual(0.9 * judged);
    m.dispose();
  });

  it('satisfies completeness: attributions sum to F(x) − F(0) within 2 %', async () => {
    const split = toySplit(8);
    const { model } = await trainTask('rul', split, { epochs: 5, seed: 4 });
    const m = model as NetModel;
    const n = 5;
    const attr = integratedGradients(m, split.test.x, n, 0, 64);
    const fx = m.raw(split.test.x, n);
    const f0 = m.raw(new Float32Array(n * m.spec.steps * m.spec.features), n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let f = 0; f < m.spec.features; f++) s += attr[i * m.spec.features + f]!;
      const want = fx[i]! - f0[i]!;
      expect(Math.abs(s - want)).toBeLessThanOrEqual(0.02 * Math.abs(want) + 1e-3);
    }
    m.dispose();
  });

  it('frees every tensor it makes', async () => {
    const split = toySplit(9);
    const { model } = await trainTask('rul', split, { epochs: 1, seed: 5 });
    const before = tf.memory().numTensors;
    integratedGradients(model as NetModel, split.test.x, 10);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
