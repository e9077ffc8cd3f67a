import { describe, expect, it } from 'vitest';
import { assetFilter, coversId, filterAccepts, filterSensors } from './asset-filter.ts';

describe('asset filters', () => {
  const f = assetFilter(['m1', 'line2'])!;

  it('cover an asset and the ids under it, not ids that merely start with the same letters', () => {
    expect(coversId(f, 'm1')).toBe(true);
    expect(coversId(f, 'm1.temp')).toBe(true);
    expect(coversId(f, 'line2.speed.avg')).toBe(true);
    expect(coversId(f, 'm10.temp')).toBe(false);
    expect(coversId(f, 'm2.temp')).toBe(false);
  });

  it('let untagged messages and unfiltered clients through', () => {
    expect(filterAccepts(null, ['m9'])).toBe(true);
    expect(filterAccepts(f, null)).toBe(true);
    expect(filterAccepts(f, ['m9', 'm1'])).toBe(true);
    expect(filterAccepts(f, ['m9'])).toBe(false);
  });

  it('keep only the covered samples of a sensors frame', () => {
    const data = { tick: 3, samples: [{ id: 'm1.t', v: 1, s: 0 as const }, { id: 'm2.t', v: 2, s: 0 as const }] };
    expect(filterSensors(data, f)).toEqual({ tick: 3, samples: [{ id: 'm1.t', v: 1, s: 0 }] });
    expect(filterSensors(data, null)).toBe(data);
  });

  it('share a key between equal filters', () => {
    expect(assetFilter(['b', 'a', 'a'])!.key).toBe(assetFilter(['a', 'b'])!.key);
  });
});
