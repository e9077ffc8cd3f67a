import { describe, expect, it } from 'vitest';
import type { Prediction, RulView } from '../live/store-types.ts';
import { rulNote, rulText } from './inspector-logic.ts';

const T = '2024-03-14T08:00:00.000Z';
const withRul = (rul: RulView | null): Prediction => ({ asset: 'motor_001', t: T, rul, failureProbability: null, anomalyScore: null, topInputs: [], model: 'motor', accuracy: null, defectRisk: {}, status: { rul: 'ready' } });
const later = (s: number) => new Date(Date.parse(T) + s * 1000).toISOString();

describe('remaining useful life in the inspector', () => {
  it('says "> 20 h" for a RUL censored at a 20 h cap, never a point estimate such as 19 h 43 min', () => {
    expect(rulText(withRul({ kind: 'at-least', hours: 20, capH: 20 }), T)).toBe('> 20 h');
  });

  it('does not count a lower bound down between samples: it is a bound, refreshed by the next prediction', () => {
    expect(rulText(withRul({ kind: 'at-least', hours: 20, capH: 20 }), later(1800))).toBe('> 20 h');
  });

  it('shows an estimate with its units, counting down in simulated time', () => {
    expect(rulText(withRul({ kind: 'estimate', hours: 6.5, capH: 20 }), T)).toBe('6 h 30 min');
    expect(rulText(withRul({ kind: 'estimate', hours: 6.5, capH: 20 }), later(1800))).toBe('6 h 00 min');
    expect(rulText(withRul({ kind: 'estimate', hours: 0.2 }), later(3600))).toBe('0 s');
  });

  it('shows a dash without a RUL model', () => {
    expect(rulText(withRul(null), T)).toBe('—');
    expect(rulText(undefined, T)).toBe('—');
  });

  it('explains what the lower bound stands for', () => {
    expect(rulNote(withRul({ kind: 'at-least', hours: 20, capH: 20 }))).toMatch(/capped at 20 h.*more than 20 h/);
    expect(rulNote(withRul({ kind: 'estimate', hours: 6.5, capH: 20 }))).toMatch(/below the 20 h/);
  });
});
