import { describe, expect, it } from 'vitest';
import { throttle } from './throttle.ts';

describe('throttle', () => {
  it('lets one publication per key through per interval, and every urgent one', () => {
    let t = 1000;
    const allow = throttle(250, () => t);
    expect([allow('a'), allow('a'), allow('b')]).toEqual([true, false, true]);
    t += 249;
    expect([allow('a'), allow('a', true)]).toEqual([false, true]);
    t += 250;
    expect(allow('a')).toBe(true);
  });
});
