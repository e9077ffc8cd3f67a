import { describe, expect, it } from 'vitest';
import { judge, poissonLower95 } from './rollback-rule.ts';

const base = { holdDefectsPer1000: 14, nowS: 600, windowEndS: 1800, constraint: null };

describe('the rollback rule', () => {
  it('keeps watching a rate a little above the verified level while the window is open (noise, not a worsening)', () => {
    // 20 % above 14 is 16.8; 8 defects in 450 units is 17.8 per 1,000 but its lower bound is far below.
    expect(judge({ ...base, units: 450, defects: 8 })).toEqual({ kind: 'watch' });
  });

  it('rolls back early when even the lower confidence bound of the rate is more than 20 % above the verified level', () => {
    const v = judge({ ...base, units: 450, defects: 25 });
    expect(v.kind).toBe('roll_back');
    expect(v.kind === 'roll_back' && v.reason).toMatch(/^defects at least \d+\.\d per 1,000 over 450 units, more than 20 % above the verified 14\.0$/);
  });

  it('judges the rate itself when the window closes', () => {
    // The limit is 16.8 per 1,000: 15 in 900 units (16.7) keeps the change, 16 (17.8) undoes it.
    expect(judge({ ...base, nowS: 1800, units: 900, defects: 15 })).toEqual({ kind: 'keep' });
    expect(judge({ ...base, nowS: 1800, units: 900, defects: 16 })).toEqual({ kind: 'roll_back', reason: 'defects at 17.8 per 1,000 over 900 units, more than 20 % above the verified 14.0' });
  });

  it('rolls back at once when a constraint is about to be hit, whatever the defects', () => {
    expect(judge({ ...base, units: 10, defects: 0, constraint: 'CRITICAL alert on Line_A' })).toEqual({ kind: 'roll_back', reason: 'constraint: CRITICAL alert on Line_A' });
  });

  it('does not judge a closed window with too few units', () => {
    expect(judge({ ...base, nowS: 1800, units: 20, defects: 1 })).toEqual({ kind: 'keep' });
  });

  it('has a Poisson lower bound close to the exact one (chi-square quantile / 2)', () => {
    // Exact one-sided 95 % lower bounds: k=1 → 0.0513, k=10 → 5.425, k=100 → 84.27.
    expect(poissonLower95(1)).toBeCloseTo(0.0513, 1);
    expect(poissonLower95(10)).toBeCloseTo(5.425, 1);
    expect(poissonLower95(100)).toBeCloseTo(84.27, 0);
    expect(poissonLower95(0)).toBe(0);
  });
});
