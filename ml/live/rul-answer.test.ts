import { describe, expect, it } from 'vitest';
import { DEFAULT_CAP_MARGIN_FRACTION, rulAnswer, targetCapOf } from './rul-answer.ts';

const cap = { value: 20, margin: 1.2 };

describe('rulAnswer', () => {
  it('says "at least the cap" for an answer at or within the margin of the cap: a healthy motor reading 19 h 43 min', () => {
    expect(rulAnswer(19 + 43 / 60, cap)).toEqual({ kind: 'at-least', hours: 20, capH: 20 });
    expect(rulAnswer(20, cap)).toEqual({ kind: 'at-least', hours: 20, capH: 20 });
    expect(rulAnswer(23.5, cap)).toEqual({ kind: 'at-least', hours: 20, capH: 20 });
    expect(rulAnswer(18.8, cap).kind).toBe('at-least');
  });

  it('keeps an answer below the margin as an estimate, naming the cap it lies under', () => {
    expect(rulAnswer(6.5, cap)).toEqual({ kind: 'estimate', hours: 6.5, capH: 20 });
    expect(rulAnswer(18.7, cap).kind).toBe('estimate');
  });

  it('never estimates a negative life', () => {
    expect(rulAnswer(-0.4, cap)).toEqual({ kind: 'estimate', hours: 0, capH: 20 });
  });

  it('without a recorded cap, all it can give is an estimate', () => {
    expect(rulAnswer(150, undefined)).toEqual({ kind: 'estimate', hours: 150 });
  });
});

describe('targetCapOf', () => {
  it('takes the held-out MAE as the margin, never under 5 % of the cap', () => {
    expect(targetCapOf(20, 1.6)).toEqual({ value: 20, margin: 1.6 });
    expect(targetCapOf(20, 0.2)).toEqual({ value: 20, margin: 1 });
  });

  it('falls back to a tenth of the cap without a finite MAE', () => {
    expect(targetCapOf(20, undefined)).toEqual({ value: 20, margin: 20 * DEFAULT_CAP_MARGIN_FRACTION });
    expect(targetCapOf(20, Number.NaN).margin).toBe(2);
  });
});
