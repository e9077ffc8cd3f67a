import { describe, expect, it } from 'vitest';
import { BiasFilterBank } from './bias-filter.ts';
import { seededNormal } from './test-noise.test-helper.ts';

describe('BiasFilterBank (scalar Kalman output-bias observer)', () => {
  it('converges to a constant injected bias within a few σ/√n', () => {
    const bank = new BiasFilterBank([{ std: 1, quantum: 0.1, floor: 0 }]);
    const normal = seededNormal(1);
    for (let i = 0; i < 400; i++) bank.update(0, 5 + Math.SQRT2 * normal());
    expect(bank.bias[0]).toBeCloseTo(5, 0);
    expect(Math.abs(bank.bias[0]! - 5)).toBeLessThan(0.5);
    expect(Math.sqrt(bank.P[0]!)).toBeLessThan(0.5);
  });

  it('ignores an isolated spike but follows a persistent jump', () => {
    const bank = new BiasFilterBank([{ std: 1, floor: 0 }]);
    const normal = seededNormal(2);
    for (let i = 0; i < 200; i++) bank.update(0, Math.SQRT2 * normal());
    const before = bank.bias[0]!;
    bank.update(0, 80);
    expect(Math.abs(bank.bias[0]! - before)).toBeLessThan(0.01);
    expect(bank.outliers[0]).toBe(1);
    for (let i = 0; i < 10; i++) bank.update(0, 20 + Math.SQRT2 * normal());
    expect(Math.abs(bank.bias[0]! - 20)).toBeLessThan(2);
  });

  it('learns process noise the spec does not declare', () => {
    const bank = new BiasFilterBank([{ std: 0.1, floor: 0 }]);
    const normal = seededNormal(3);
    for (let i = 0; i < 2000; i++) bank.update(0, 3 * normal());
    expect(Math.sqrt(bank.r(0))).toBeGreaterThan(2.5);
    expect(Math.sqrt(bank.r(0))).toBeLessThan(3.5);
  });
});
