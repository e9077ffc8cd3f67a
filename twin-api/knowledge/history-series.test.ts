import { afterAll, describe, expect, it } from 'vitest';
import { PgliteStore } from '../store/pglite-store.ts';
import { historySeries } from './history-series.ts';

describe('root-cause series from history', async () => {
  const store = await PgliteStore.open('memory://');
  afterAll(() => store.close());
  const startMs = Date.parse('2024-03-14T00:00:00Z');
  // A dense sensor (every 10 s, value = the minute it is in) and a sparse one (every 5 min).
  const rows = [];
  for (let tS = 0; tS < 3600; tS += 10) rows.push({ tMs: startMs + tS * 1000, sensorId: 'L.dense', value: Math.floor(tS / 60), status: 0 });
  for (let tS = 0; tS < 3600; tS += 300) rows.push({ tMs: startMs + tS * 1000, sensorId: 'L.sparse', value: tS, status: 0 });
  await store.insertSamples(rows);

  it('gives each sensor its 1-minute means on the analysis grid, NaN where no sample fell', async () => {
    const { series, samples } = await historySeries(store, ['L.dense', 'L.sparse', 'L.none'], { startMs, fromS: 600, toS: 1800, binS: 60 });
    const dense = series('L.dense')!;
    expect(dense).toMatchObject({ startS: 600, binS: 60 });
    expect(dense.values.length).toBe(20);
    expect([...dense.values.slice(0, 3)]).toEqual([10, 11, 12]);
    const sparse = series('L.sparse')!;
    expect(sparse.values[0]).toBe(600);
    expect(Number.isNaN(sparse.values[1]!)).toBe(true);
    expect(sparse.values[5]).toBe(900);
    expect(series('L.none')).toBeNull();
    expect(samples.get('L.dense')).toBe(120);
    expect(samples.get('L.sparse')).toBe(4);
  });

  it('widens a window off the minute grid outward to whole minutes', async () => {
    const { series } = await historySeries(store, ['L.dense'], { startMs, fromS: 630, toS: 700, binS: 60 });
    expect(series('L.dense')).toMatchObject({ startS: 600 });
    expect([...series('L.dense')!.values]).toEqual([10, 11]);
  });
});
