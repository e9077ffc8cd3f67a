import { describe, expect, it } from 'vitest';
import { createRng } from '../../engine/rng.ts';
import { initBackend } from '../tf/backend.ts';
import { initWeights, type NetSpec } from './net.ts';
import { NetModel } from './net-model.ts';

describe('jsForward', () => {
  it.each([
    ['temporal bases + dense', { steps: 6, features: 3, conv: [], temporal: 2, hidden: [5, 4], outputs: 2, dropout: 0, conditions: 0 }],
    ['plain dense with a linear bottleneck and conditions', { steps: 4, features: 2, conv: [], hidden: [6, 2, 6], linearHidden: 1, outputs: 8, dropout: 0, conditions: 3 }],
  ] as [string, NetSpec][])('matches the TF.js forward pass (%s) to 1e-5', async (_, spec) => {
    await initBackend();
    const model = new NetModel(spec, initWeights(spec, 3), { format: 'twinworks-net/1', task: 'rul', head: 'regression', outputNames: [], featureNames: [] });
    const n = 7;
    const rng = createRng(1);
    const x = Float32Array.from({ length: n * spec.steps * spec.features }, () => rng.normal());
    const cond = Int32Array.from({ length: n }, (_, i) => i % 3);
    const tf = model.rawTf(x, n, cond);
    const js = model.raw(x, n, cond);
    expect(js.length).toBe(tf.length);
    js.forEach((v, k) => expect(Math.abs(v - tf[k]!)).toBeLessThan(1e-5 * (1 + Math.abs(tf[k]!))));
    model.dispose();
  });
});
