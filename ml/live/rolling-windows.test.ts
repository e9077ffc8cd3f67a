import { describe, expect, it } from 'vitest';
import { RollingWindows } from './rolling-windows.ts';

describe('RollingWindows', () => {
  const cols = [Int32Array.of(0, 1), Int32Array.of(2, 3)];
  const sample = (t: number) => Float64Array.of(t, 10 * t, -t, t === 2 ? NaN : -10 * t);

  it('keeps the last W samples per asset, oldest first', () => {
    const rw = new RollingWindows(2, 3, 2);
    for (let t = 1; t <= 5; t++) rw.push(sample(t), cols);
    const out = new Float32Array(6);
    rw.copy(0, 3, out, 0);
    expect(Array.from(out)).toEqual([3, 30, 4, 40, 5, 50]);
  });

  it('forward-fills a dropped-out value with the previous sample', () => {
    const rw = new RollingWindows(2, 3, 2);
    for (let t = 1; t <= 3; t++) rw.push(sample(t), cols);
    const out = new Float32Array(6);
    rw.copy(1, 3, out, 0);
    expect(Array.from(out)).toEqual([-1, -10, -2, -10, -3, -30]);
  });

  it('pads the front with the oldest sample until the window is full, and scales', () => {
    const rw = new RollingWindows(1, 4, 2);
    rw.push(Float64Array.of(2, 4), [Int32Array.of(0, 1)]);
    rw.push(Float64Array.of(4, 8), [Int32Array.of(0, 1)]);
    const out = new Float32Array(8);
    rw.copy(0, 4, out, 0, [0, 4], [2, 2]);
    expect(Array.from(out)).toEqual([1, 0, 1, 0, 1, 0, 2, 2]);
    expect(rw.count).toBe(2);
  });
});
