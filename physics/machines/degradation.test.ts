import { describe, expect, it } from 'vitest';
import { drawLife, remainingH, startNow, surviveTo, updateLevel, weibull } from './degradation.ts';
import { M, type CompiledMode } from './profile-compile.ts';
import { builtinProfiles } from './profile.ts';
import { seededRng } from './testing.ts';

const mode = (type: 'motor' | 'pump', name: string): CompiledMode => builtinProfiles().get(type)!.compiled.modes.find((m) => m.name === name)!;
const bearing = mode('motor', 'bearing_wear'); // exponential growth
const impeller = mode('pump', 'impeller_wear'); // power-law growth

const levelAtTau = (s: Float64Array, m: CompiledMode, tauH: number) => {
  s[M.tauH] = tauH;
  updateLevel(s, 0, m.growth);
  return s[M.level]!;
};

describe('weibull', () => {
  it('is the inverse CDF: the median is η·(ln 2)^(1/k)', () => {
    expect(weibull(0.5, 1.4, 50_000)).toBeCloseTo(50_000 * Math.pow(Math.LN2, 1 / 1.4), 6);
    expect(weibull(0, 2, 100)).toBe(0);
  });

  it('with shape 1.4 and η = 5·L10 puts ~10 % of lives below L10 (ISO 281 / Barringer)', () => {
    const rng = seededRng(1);
    const n = 20_000;
    let below = 0;
    for (let i = 0; i < n; i++) if (weibull(rng.uniform(), 1.4, 50_000) < 10_000) below++;
    expect(below / n).toBeGreaterThan(0.085);
    expect(below / n).toBeLessThan(0.11);
  });
});

describe.each([
  ['exponential (Gebraeel)', bearing],
  ['power law', impeller],
])('growth: %s', (_, m) => {
  const s = new Float64Array(10);
  drawLife(s, 0, m, seededRng(2));
  const onset = s[M.onsetH]!;
  const fail = s[M.failH]!;

  it('is 0 up to the onset, then rises monotonically to exactly 1 at the failure time', () => {
    expect(levelAtTau(s, m, 0)).toBe(0);
    expect(levelAtTau(s, m, onset)).toBe(0);
    let prev = 0;
    for (let i = 1; i < 100; i++) {
      const level = levelAtTau(s, m, onset + ((fail - onset) * i) / 100);
      expect(level).toBeGreaterThan(prev);
      expect(level).toBeLessThan(1);
      prev = level;
    }
    expect(levelAtTau(s, m, fail)).toBe(1);
    expect(levelAtTau(s, m, fail + 1)).toBe(1);
  });

  it('never lengthens the remaining life when a fault starts it now', () => {
    drawLife(s, 0, m, seededRng(3));
    s[M.tauH] = s[M.onsetH]! / 2;
    const before = remainingH(s, 0);
    startNow(s, 0, 5);
    expect(remainingH(s, 0)).toBeLessThan(before);
    expect(s[M.onsetH]).toBe(s[M.tauH]);
    expect(remainingH(s, 0)).toBeCloseTo(s[M.durH]! / 5, 9);
    startNow(s, 0, 2); // a milder fault does not slow an accelerated one
    expect(s[M.mul]).toBe(5);
  });
});

it('exponential growth ends at D = ln(1 + 1/θ)/β after onset', () => {
  const s = new Float64Array(10);
  drawLife(s, 0, bearing, seededRng(4));
  expect(s[M.durH]).toBeCloseTo(Math.log1p(1 / s[M.p2]!) / s[M.p1]!, 9);
});

describe('surviveTo', () => {
  it('draws a life that ends after the age, keeping the age as damage time', () => {
    const rng = seededRng(5);
    const s = new Float64Array(10);
    for (let i = 0; i < 1000; i++) {
      drawLife(s, 0, bearing, rng);
      surviveTo(s, 0, bearing, 300_000); // six characteristic lives
      expect(s[M.tauH]).toBe(300_000);
      expect(s[M.failH]!).toBeGreaterThan(300_000);
      expect(Number.isFinite(s[M.failH]!)).toBe(true);
    }
  });

  it('keeps a life that already ends after the age', () => {
    const s = new Float64Array(10);
    drawLife(s, 0, bearing, seededRng(6));
    const onset = s[M.onsetH]!;
    surviveTo(s, 0, bearing, 0);
    expect(s[M.onsetH]).toBe(onset);
  });
});
