import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from './timestamp.ts';

describe('parseTimestamp', () => {
  it('reads UTC and offset timestamps as the same instant', () => {
    const utc = Date.UTC(2024, 2, 14, 6, 0, 0);
    expect(parseTimestamp('2024-03-14T06:00:00Z')).toBe(utc);
    expect(parseTimestamp('2024-03-14T07:00:00+01:00')).toBe(utc);
    expect(parseTimestamp('2024-03-14T01:30:00-04:30')).toBe(utc);
  });

  it('keeps milliseconds', () => {
    expect(parseTimestamp('2024-03-14T06:00:00.25Z')).toBe(Date.UTC(2024, 2, 14, 6, 0, 0, 250));
  });

  it.each([
    '2024-02-30T00:00:00Z', // no such day
    '2023-02-29T00:00:00Z', // not a leap year
    '2024-13-01T00:00:00Z',
    '2024-03-14T24:00:00Z',
    '2024-03-14T06:60:00Z',
    '2024-03-14T06:00:00', // no zone
    '2024-03-14 06:00:00Z',
    '2024-03-14',
  ])('refuses %s', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('formatTimestamp', () => {
  it('writes UTC with Z, milliseconds only when present', () => {
    expect(formatTimestamp(Date.UTC(2024, 2, 14, 6))).toBe('2024-03-14T06:00:00Z');
    expect(formatTimestamp(Date.UTC(2024, 2, 14, 6, 0, 0, 5))).toBe('2024-03-14T06:00:00.005Z');
  });
});
