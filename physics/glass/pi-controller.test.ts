import { describe, expect, it } from 'vitest';
import { piStep } from './pi-controller.ts';

describe('PI controller', () => {
  it('removes a steady offset on a first-order plant (integral action)', () => {
    const s = new Float64Array(1);
    let y = 0; // plant dy/dt = (u - y) / 100, setpoint 1
    for (let k = 0; k < 5000; k++) {
      const u = piStep(s, 0, 1 - y, 2, 100, -10, 10, 1);
      y += (u - y) / 100;
    }
    expect(y).toBeCloseTo(1, 6);
  });

  it('clamps its output and does not wind up while saturated', () => {
    const s = new Float64Array(1);
    for (let k = 0; k < 1000; k++) expect(piStep(s, 0, 100, 1, 10, 0, 5, 1)).toBe(5);
    expect(s[0]).toBeLessThanOrEqual(5);
    // the moment the error reverses the output leaves the limit at once
    expect(piStep(s, 0, -2, 1, 10, 0, 5, 1)).toBeLessThan(5);
  });
});
