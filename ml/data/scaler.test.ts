import { describe, expect, it } from 'vitest';
import { applyScaler, fitScaler, scaleSplit } from './scaler.ts';
import { emptyWindows } from './window-ops.ts';

/** One window per row of `rows` (steps = 1), features a and b. */
function table(rows: number[][]) {
  const ws = emptyWindows(rows.length, 1, ['a', 'b'], ['y']);
  rows.forEach((r, i) => ws.x.set(r, i * 2));
  return ws;
}

describe('scaler', () => {
  it('min-max maps the training range to [0, 1]', () => {
    const s = fitScaler(table([[0, 10], [5, 20], [10, 30]]), 'minmax');
    expect(s.offset).toEqual([0, 10]);
    expect(s.scale).toEqual([10, 20]);
    expect(Array.from(applyScaler(s, table([[5, 40]])).x)).toEqual([0.5, 1.5]); // new data may leave [0, 1]
  });

  it('z-score uses the training mean and population standard deviation', () => {
    const s = fitScaler(table([[1, 7], [3, 7]]), 'zscore');
    expect(s.offset).toEqual([2, 7]);
    expect(s.scale).toEqual([1, 1]); // b is flat: scale 1, so it maps to 0 rather than NaN
    expect(Array.from(applyScaler(s, table([[4, 7]])).x)).toEqual([2, 0]);
  });

  it('is fitted on the training part only and survives a JSON round trip', () => {
    const { scaler, split } = scaleSplit({ train: table([[0, 0], [2, 2]]), validation: table([[100, 100]]), test: table([[4, 4]]) }, 'minmax');
    expect(scaler.scale).toEqual([2, 2]);
    expect(Array.from(split.validation.x)).toEqual([50, 50]);
    const again = JSON.parse(JSON.stringify(scaler));
    expect(Array.from(applyScaler(again, table([[1, 1]])).x)).toEqual([0.5, 0.5]);
  });

  it('refuses data whose features differ from the fitted ones', () => {
    const s = fitScaler(table([[0, 1]]));
    const other = { ...table([[0, 1]]), featureNames: ['a', 'c'] };
    expect(() => applyScaler(s, other)).toThrow(/differ from the fitted \[a, b\]/);
  });
});
