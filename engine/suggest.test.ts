import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './suggest.ts';

describe('closest', () => {
  it('finds a typo among candidates', () => {
    expect(closest('duraton', ['name', 'duration', 'plant'])).toBe('duration');
    expect(closest('Line_a', ['Line_A', 'Line_B'])).toBe('Line_A');
    expect(closest('flaot', ['container', 'float'])).toBe('float');
  });

  it('does not suggest something unrelated', () => {
    expect(closest('banana', ['name', 'duration', 'plant'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('phrases a suggestion, or nothing', () => {
    expect(didYouMean('pumps', ['pump', 'fan'])).toBe(' (did you mean "pump"?)');
    expect(didYouMean('zzz', ['pump', 'fan'])).toBe('');
  });
});
