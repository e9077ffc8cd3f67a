import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['24h', 86_400],
    ['1h30m', 5_400],
    ['90s', 90],
    ['2d', 172_800],
    ['1d2h3m4s', 93_784],
    ['1.5h', 5_400],
    ['0.5s', 0.5],
    ['0s', 0],
  ])('reads "%s" as %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('takes a number as seconds', () => {
    expect(parseDuration(3600)).toBe(3600);
    expect(parseDuration(0.25)).toBe(0.25);
  });

  it.each(['', 'h', '1m1h', '1h1h', '10', '1 h', '-1h', '1H', '1.h', '10:42', '1ms'])('refuses "%s"', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('refuses negative and non-finite numbers', () => {
    for (const n of [-1, Number.NaN, Infinity]) expect(parseDuration(n)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [90, '1m30s'],
    [5_400, '1h30m'],
    [86_400, '24h'],
    [2_592_000, '720h'],
    [3_601, '1h1s'],
    [0.5, '0.5s'],
  ])('writes %d s as "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips whole seconds through parseDuration', () => {
    for (const s of [1, 59, 60, 61, 3599, 3600, 86_399, 86_400, 1_000_000]) expect(parseDuration(formatDuration(s))).toBe(s);
  });
});
