import { describe, expect, it } from 'vitest';
import { actuate } from './actuators.ts';

describe('actuate', () => {
  it('follows a first-order lag: after one time constant it covers 63.2 % of the step', () => {
    let y = 0;
    for (let i = 0; i < 100; i++) y = actuate(y, 1, 0.1, 10, 1e9);
    expect(y).toBeCloseTo(1 - Math.exp(-1), 6);
  });

  it('never moves faster than its rate limit', () => {
    let y = 1500;
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      const next = actuate(y, 1600, 1, 1, 0.05);
      seen.push(next - y);
      y = next;
    }
    for (const d of seen) expect(d).toBeLessThanOrEqual(0.05 + 1e-12);
    expect(y).toBeCloseTo(1500.5, 9);
  });

  it('settles exactly on the target', () => {
    let y = 0;
    for (let i = 0; i < 10_000; i++) y = actuate(y, 42, 1, 5, 100);
    expect(y).toBe(42);
  });

  it('jumps straight to the target when it has no lag and no binding rate limit', () => {
    expect(actuate(3, 7, 1, 0, 100)).toBe(7);
  });
});
