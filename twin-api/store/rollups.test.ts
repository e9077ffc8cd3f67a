import { describe, expect, it } from 'vitest';
import { alignToRollups, rollupFor } from './rollups.ts';

const H = 3_600_000;
const T0 = Date.UTC(2025, 0, 6);

describe('choosing a rollup level', () => {
  it('reads a 24 h chart of 2,000 points from the one-minute windows (43.2 s buckets become 60 s)', () => {
    expect(rollupFor(T0, T0 + 24 * H, Math.ceil((24 * H) / 2000))?.table).toBe('samples_1m');
  });

  it('reads a 30-day chart from the 10 min windows', () => {
    expect(rollupFor(T0, T0 + 720 * H, Math.ceil((720 * H) / 2000))?.table).toBe('samples_10m');
  });

  it('keeps a 7-day chart near 2,000 points rather than halving it with 10 min windows', () => {
    // 302.4 s buckets would round up to 600 s at 10 min; at 1 min they become 360 s.
    expect(rollupFor(T0, T0 + 168 * H, Math.ceil((168 * H) / 2000))?.table).toBe('samples_1m');
  });

  it('prefers a finer level that widens buckets a lot to aggregating raw samples', () => {
    // 6 h in 2,000 points: 10.8 s buckets, 20 s at 10 s windows (1,080 points).
    expect(rollupFor(T0, T0 + 6 * H, Math.ceil((6 * H) / 2000))?.table).toBe('samples_10s');
  });

  it('uses no rollup for buckets finer than its windows or for a range off its grid', () => {
    expect(rollupFor(T0, T0 + H, 1800)).toBeNull();
    expect(rollupFor(T0 + 1, T0 + 24 * H, 43_200)).toBeNull();
  });
});

describe('aligning a chart range', () => {
  it('widens outward to whole windows of the level the query will use', () => {
    expect(alignToRollups(T0 + 4_321, T0 + 24 * H + 1, 2000)).toEqual({ fromMs: T0, toMs: T0 + 24 * H + 60_000 });
  });

  it('leaves short ranges, whose buckets are finer than any window, as asked', () => {
    expect(alignToRollups(T0 + 4_321, T0 + H + 1, 2000)).toEqual({ fromMs: T0 + 4_321, toMs: T0 + H + 1 });
  });

  it('never widens past the last representable year', () => {
    const to = Date.parse('9999-12-31T23:59:59.999Z');
    expect(alignToRollups(Date.parse('1970-01-01T00:00:00Z'), to, 2000).toMs).toBe(to);
  });
});
