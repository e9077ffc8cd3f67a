import { describe, expect, it } from 'vitest';
import { cusumArlSamples, cusumDelaySamples, cusumThreshold } from './cusum-threshold.ts';
import { seededNormal } from './test-noise.test-helper.ts';

/** Mean samples to the first alarm of a one-sided CUSUM on iid N(mean, 1), over `runs` runs. */
function simulatedRunLength(k: number, h: number, mean: number, runs: number, seed: number): number {
  const normal = seededNormal(seed);
  let total = 0;
  for (let r = 0; r < runs; r++) {
    let s = 0;
    let n = 0;
    do {
      s = Math.max(0, s + mean + normal() - k);
      n++;
    } while (s < h);
    total += n;
  }
  return total / runs;
}

describe('CUSUM thresholds from a false-alarm budget (Siegmund)', () => {
  it('the in-control run length of iid standard-normal residuals matches the approximation', () => {
    const k = 1;
    const h = 3;
    const predicted = cusumArlSamples(k, h);
    const simulated = simulatedRunLength(k, h, 0, 300, 11);
    // 300 runs of a roughly exponential run length: ±12 % is ~2 standard errors, plus the approximation's few per cent.
    expect(simulated / predicted).toBeGreaterThan(0.85);
    expect(simulated / predicted).toBeLessThan(1.15);
  });

  it('inverts the ARL: the threshold reaches the target and grows with it', () => {
    for (const arl of [1e3, 1e6, 1e9]) {
      const h = cusumThreshold(1, arl);
      expect(cusumArlSamples(1, h) / arl).toBeCloseTo(1, 6);
    }
    expect(cusumThreshold(1, 1e9)).toBeGreaterThan(cusumThreshold(1, 1e6));
    expect(cusumThreshold(0.5, 1e6)).toBeGreaterThan(cusumThreshold(1, 1e6));
  });

  it('predicts the delay of a mean shift', () => {
    const h = cusumThreshold(1, 1e6);
    const simulated = simulatedRunLength(1, h, 3, 200, 12);
    expect(simulated / cusumDelaySamples(1, h, 3)).toBeGreaterThan(0.85);
    expect(simulated / cusumDelaySamples(1, h, 3)).toBeLessThan(1.25);
  });

  it('names what is wrong with a bad target', () => {
    expect(() => cusumThreshold(1, 0.5)).toThrow(/arlSamples must be a finite number > 1, got 0.5/);
    expect(() => cusumThreshold(-1, 100)).toThrow(/allowance k must be ≥ 0, got -1/);
  });
});
