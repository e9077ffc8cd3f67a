// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { appendLive, liveRange, needsFetch, panRange, toColumns, zoomRange } from './chart-logic.ts';

describe('chart data', () => {
  it('turns min/max/avg buckets into uPlot columns with x in seconds', () => {
    const cols = toColumns({ sensorId: 's', kind: 'buckets', bucketMs: 1000, buckets: [{ tMs: 1000, min: 1, max: 3, avg: 2, count: 5 }, { tMs: 2000, min: null, max: null, avg: null, count: 0 }] });
    expect(cols).toEqual([[1, 2], [2, null], [1, null], [3, null]]);
  });

  it('draws a short range from its raw samples, dropouts as gaps', () => {
    const cols = toColumns({ sensorId: 's', kind: 'raw', samples: [{ tMs: 1000, sensorId: 's', value: 4, status: 0 }, { tMs: 2000, sensorId: 's', value: null, status: 2 }] });
    expect(cols).toEqual([[1, 2], [4, null], [4, null], [4, null]]);
  });

  it('appends only newer live samples and drops points older than the kept window', () => {
    const cols = toColumns({ sensorId: 's', kind: 'buckets', bucketMs: 4000, buckets: [{ tMs: 1000, min: 1, max: 1, avg: 1, count: 1 }, { tMs: 5000, min: 2, max: 2, avg: 2, count: 1 }] });
    expect(appendLive(cols, 4000, 9, 0)).toBe(cols);
    expect(appendLive(cols, 6000, 3, 2000)).toEqual([[5, 6], [2, 3], [2, 3], [2, 3]]);
  });
});

describe('zoom and pan', () => {
  const r = { fromMs: 0, toMs: 100_000, live: false };
  it('pans by a fraction of the width and stops following live data', () => {
    expect(panRange({ ...r, live: true }, -0.5)).toEqual({ fromMs: -50_000, toMs: 50_000, live: false });
  });

  it('zooms about the centre, but a live window keeps its right edge at now', () => {
    expect(zoomRange(r, 0.5)).toEqual({ fromMs: 25_000, toMs: 75_000, live: false });
    expect(zoomRange({ ...r, live: true }, 0.5)).toEqual({ fromMs: 50_000, toMs: 100_000, live: true });
    expect(zoomRange(r, 0.0001).toMs - zoomRange(r, 0.0001).fromMs).toBe(10_000);
  });

  it('refetches history when the window leaves the loaded one or zooms in far enough for finer buckets', () => {
    const loaded = liveRange(3_600_000, 3600);
    expect(needsFetch(loaded, null)).toBe(true);
    expect(needsFetch(loaded, loaded)).toBe(false);
    expect(needsFetch(panRange(loaded, -0.5), loaded)).toBe(true);
    expect(needsFetch(zoomRange({ ...loaded, live: false }, 0.1), loaded)).toBe(true);
  });
});
