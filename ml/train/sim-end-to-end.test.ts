/**
 * End to end on the simulator: simulate the reference plant, cut and scale windows (ml/data), train,
 * and compare with the trivial baselines on the later, held-out time range.
 */
import { describe, expect, it } from 'vitest';
import { buildSimDataset } from '../data/sim-task.ts';
import { scaleSplit } from '../data/scaler.ts';
import { expectedCalibrationError, rocAuc } from '../metrics/index.ts';
import { loadLibraryScenario } from '../../scenarios/library.ts';
import { trainTask } from './train-task.ts';

const scenario = loadLibraryScenario('glass-plant');
const fractions = { validation: 0.2, test: 0.25 };

/** Mean binary cross-entropy of probabilities p against labels y. */
function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(1 - 1e-6, Math.max(1e-6, p[i]!));
    s -= y[i]! * Math.log(q) + (1 - y[i]!) * Math.log(1 - q);
  }
  return s / y.length;
}

describe('training on simulated plant data', () => {
  // Defects with an assignable (process) cause, on runs with process excursions (the defect task's
  // default run options), split by run: the random background of any-cause defects is not learnable.
  it('predicts process defects with a lower log-loss than the training prior rate, and calibrated (ECE ≤ 0.1)', async () => {
    const d = buildSimDataset('defects', { scenario, hours: 72, runs: 4 }, { fractions, causes: 'assignable' });
    expect(d.split.test.n).toBeGreaterThan(100);
    const { split } = scaleSplit(d.split);
    const { model } = await trainTask('defects', split, { epochs: 15, seed: 1 });
    const p = model.predict(split.test);
    const w = split.test.targets;
    const prior = new Float64Array(w);
    split.train.y.forEach((v, k) => { prior[k % w] = prior[k % w]! + v / split.train.n; });
    const baseline = logLoss(split.test.y, Float64Array.from(split.test.y, (_, k) => prior[k % w]!));
    const got = logLoss(split.test.y, p);
    expect(got).toBeLessThan(0.97 * baseline);
    expect(expectedCalibrationError(split.test.y, p)).toBeLessThanOrEqual(0.1);
    model.dispose();
  });

  // Faults fall all over the runs, so early, invisible stages of wear are in every part: windows whose
  // fault has degraded the machine by less than 5 % are left out as the grey zone.
  it('flags injected faults with an autoencoder once they show (AUROC ≥ 0.85)', async () => {
    const d = buildSimDataset('anomaly', { scenario, hours: 120, runs: 2, injectFaults: 8 }, { fractions, minLevel: 0.05 });
    const { split } = scaleSplit(d.split);
    const { model } = await trainTask('anomaly', split, { epochs: 15, seed: 1 });
    const score = model.predict(split.test).filter((_, k) => k % 2 === 0);
    expect(rocAuc(split.test.y, score)).toBeGreaterThanOrEqual(0.85);
    model.dispose();
  });
});
