import { describe, expect, it } from 'vitest';
import { dayAt, shiftAt, shiftLabel } from './periods.ts';

const at = (s: string) => Date.parse(s);
const span = (p: { startMs: number; endMs: number }) => [new Date(p.startMs).toISOString(), new Date(p.endMs).toISOString()];
const SHIFTS = [6, 14, 22];

describe('shifts', () => {
  it('three 8 h shifts starting 06:00, 14:00, 22:00 UTC', () => {
    expect(span(shiftAt(at('2024-03-14T06:00:00Z'), SHIFTS))).toEqual(['2024-03-14T06:00:00.000Z', '2024-03-14T14:00:00.000Z']);
    expect(span(shiftAt(at('2024-03-14T13:59:59.999Z'), SHIFTS))).toEqual(['2024-03-14T06:00:00.000Z', '2024-03-14T14:00:00.000Z']);
    expect(span(shiftAt(at('2024-03-14T14:00:00Z'), SHIFTS))).toEqual(['2024-03-14T14:00:00.000Z', '2024-03-14T22:00:00.000Z']);
  });

  it('the night shift runs across midnight', () => {
    expect(span(shiftAt(at('2024-03-14T23:30:00Z'), SHIFTS))).toEqual(['2024-03-14T22:00:00.000Z', '2024-03-15T06:00:00.000Z']);
    const early = shiftAt(at('2024-03-15T05:59:00Z'), SHIFTS);
    expect(span(early)).toEqual(['2024-03-14T22:00:00.000Z', '2024-03-15T06:00:00.000Z']);
    expect(early.index).toBe(2);
    expect(shiftLabel(early)).toBe('2024-03-14 22:00–06:00');
  });

  it('supports other patterns, e.g. two 12 h shifts', () => {
    expect(span(shiftAt(at('2024-03-14T19:00:00Z'), [7, 19]))).toEqual(['2024-03-14T19:00:00.000Z', '2024-03-15T07:00:00.000Z']);
    expect(span(shiftAt(at('2024-03-14T03:00:00Z'), [7, 19]))).toEqual(['2024-03-13T19:00:00.000Z', '2024-03-14T07:00:00.000Z']);
  });

  it('days start at the configured hour', () => {
    expect(span(dayAt(at('2024-03-14T05:00:00Z'), 0))).toEqual(['2024-03-14T00:00:00.000Z', '2024-03-15T00:00:00.000Z']);
    expect(span(dayAt(at('2024-03-14T05:00:00Z'), 6))).toEqual(['2024-03-13T06:00:00.000Z', '2024-03-14T06:00:00.000Z']);
  });
});
