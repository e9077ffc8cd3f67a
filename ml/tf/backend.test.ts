import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './backend.ts';

describe('selectBackend', () => {
  it('honours an explicit choice and logs it', async () => {
    const lines: string[] = [];
    expect(await selectBackend('cpu', (l) => lines.push(l))).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual(['[ml] TF.js backend: cpu']);
  });

  it('falls back along the preference order when the wanted one cannot load', async () => {
    const lines: string[] = [];
    const got = await selectBackend('no-such-backend', (l) => lines.push(l));
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(got);
    expect(lines[0]).toContain('(no-such-backend unavailable)');
  });

  it('runs wasm in Node from the package files, and it computes', async () => {
    expect(await selectBackend('wasm', () => {})).toBe('wasm');
    const y = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync());
    expect(Array.from(y)).toEqual([3, 3, 3, 3]);
  });
});
