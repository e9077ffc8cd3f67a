import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLoadHandler, fileSaveHandler } from './file-io.ts';

const dirs: string[] = [];
afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

describe('file IO handlers', () => {
  it('round-trips a tf.LayersModel through model.json + weights.bin with identical predictions', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), tf.layers.dense({ units: 1 })] });
    const dir = await mkdtemp(path.join(tmpdir(), 'twin-io-'));
    dirs.push(dir);
    await model.save(fileSaveHandler(dir));
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(await fileLoadHandler(dir));
    const x = tf.tensor2d([[1, 2, 3, 4], [-1, 0, 0.5, 2]]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
