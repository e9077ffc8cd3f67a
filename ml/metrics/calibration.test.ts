import { describe, expect, it } from 'vitest';
import { expectedCalibrationError } from './calibration.ts';

describe('expected calibration error', () => {
  it('is zero when each bin’s mean probability equals its positive rate', () => {
    // bin [0.2,0.3): p .25 ×4 with one positive → acc .25 = conf .25; bin [0.7,0.8): p .75 ×4 with three positives
    expect(expectedCalibrationError([1, 0, 0, 0, 1, 1, 1, 0], [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75])).toBeCloseTo(0, 12);
  });

  it('weights each bin’s |accuracy − confidence| by its share of samples (10 bins)', () => {
    // bin 9: p .9, .95 with labels 1, 0 → acc .5, conf .925, gap .425, weight 2/4
    // bin 1: p .1, .1 with labels 0, 0 → acc 0, conf .1, gap .1, weight 2/4 → ECE = .2125 + .05 = .2625
    expect(expectedCalibrationError([1, 0, 0, 0], [0.9, 0.95, 0.1, 0.1])).toBeCloseTo(0.2625, 12);
  });

  it('puts p = 1 in the last bin and uses the stated bin count', () => {
    expect(expectedCalibrationError([1], [1])).toBe(0);
    // with 2 bins .1 and .45 share bin 0: acc .5, conf .275 → .225
    expect(expectedCalibrationError([1, 0], [0.1, 0.45], 2)).toBeCloseTo(0.225, 12);
    expect(() => expectedCalibrationError([1], [0.5], 0)).toThrow(/bins/);
  });
});
