import { beforeEach, describe, expect, it } from 'vitest';
import type { SampleRow, SampleSink, SampleStore, SeriesBucket } from './sample-store.ts';
import { SampleWriter } from './sample-writer.ts';
import { DAY_MS, sleep, T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

export { sleep } from './contract-support.test-helper.ts';


/** Per-bucket min/max/avg/count worked out in JS, to check the SQL against. */
function expectedBuckets(rows: readonly SampleRow[], fromMs: number, bucketMs: number): SeriesBucket[] {
  const byIndex = new Map<number, number[]>();
  for (const r of rows) {
    const b = Math.floor((r.tMs - fromMs) / bucketMs);
    byIndex.set(b, [...(byIndex.get(b) ?? []), r.value!]);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([b, vs]) => ({
      tMs: fromMs + b * bucketMs,
      min: Math.min(...vs),
      max: Math.max(...vs),
      avg: vs.reduce((s, v) => s + v, 0) / vs.length,
      count: vs.length,
    }));
}

/** The behaviour every `SampleStore` adapter must show. */
export function describeSampleStoreContract(label: string, open: OpenStore<SampleStore>): void {
  describe(`SampleStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: SampleStore;
    beforeEach(() => {
      store = s.current();
    });

    it('writes a batch in one statement and counts every row', async () => {
      const before = await store.countSamples();
      const batch = Array.from({ length: 5000 }, (_, i): SampleRow => ({ tMs: T0 + i, sensorId: 'count-1', value: i, status: 0 }));
      await store.insertSamples(batch);
      expect(await store.countSamples()).toBe(before + 5000);
    });

    it('returns raw samples, with dropouts and statuses, when the range holds no more than maxPoints', async () => {
      const rows: SampleRow[] = [
        { tMs: T0 + 1000, sensorId: 'raw-1', value: 1.25, status: 0 },
        { tMs: T0 + 2000, sensorId: 'raw-1', value: null, status: 2 },
        { tMs: T0 + 3000, sensorId: 'raw-1', value: -7.5, status: 3 },
        { tMs: T0 + 4000, sensorId: 'raw-1', value: 99, status: 0 },
      ];
      await store.insertSamples([...rows, { tMs: T0 + 4500, sensorId: 'raw-1', value: Number.NaN, status: 1 }]);
      const [series, empty] = await store.querySeries({ sensorIds: ['raw-1', 'nothing-here'], fromMs: T0, toMs: T0 + 4500, maxPoints: 10 });
      expect(series).toEqual({ sensorId: 'raw-1', kind: 'raw', samples: rows });
      expect(empty).toEqual({ sensorId: 'nothing-here', kind: 'raw', samples: [] });
    });

    it('downsamples in SQL: at most maxPoints buckets with the right min, max, avg and count', async () => {
      // 10,000 one-second samples of a saw tooth with a period that does not divide the buckets.
      const rows = Array.from({ length: 10_000 }, (_, i): SampleRow => ({ tMs: T0 + i * 1000, sensorId: 'saw-1', value: (i % 37) - 10.5, status: 0 }));
      await store.insertSamples(rows);
      const fromMs = T0;
      const toMs = T0 + 10_000_000;
      for (const maxPoints of [100, 7, 1]) {
        const [series] = await store.querySeries({ sensorIds: ['saw-1'], fromMs, toMs, maxPoints });
        if (series?.kind !== 'buckets') throw new Error(`expected buckets, got ${series?.kind}`);
        expect(series.buckets.length).toBeLessThanOrEqual(maxPoints);
        const expected = expectedBuckets(rows, fromMs, series.bucketMs);
        expect(series.buckets.map((b) => ({ ...b, avg: Number(b.avg!.toFixed(9)) }))).toEqual(
          expected.map((b) => ({ ...b, avg: Number(b.avg!.toFixed(9)) })),
        );
        expect(series.buckets.reduce((n, b) => n + b.count, 0)).toBe(10_000);
      }
    });

    it('reads aligned chart ranges from rollups that agree with the raw samples, across batches and gaps', async () => {
      // 3 h of 1 Hz samples with dropouts, written in three batches that split rollup windows.
      const all = Array.from({ length: 3 * 3600 }, (_, i): SampleRow => ({ tMs: T0 + i * 1000 + 250, sensorId: 'roll-1', value: i % 97 === 0 ? null : Math.cos(i / 50) * 10, status: 0 }));
      for (const [a, b] of [[0, 3605], [3605, 7213], [7213, all.length]] as const) await store.insertSamples(all.slice(a, b));
      const withValues = all.filter((r) => r.value !== null);
      for (const [fromMs, toMs, maxPoints] of [[T0, T0 + 3 * 3600_000, 540], [T0 + 600_000, T0 + 2 * 3600_000, 60], [T0, T0 + 3 * 3600_000, 30]] as const) {
        const [series] = await store.querySeries({ sensorIds: ['roll-1'], fromMs, toMs, maxPoints });
        if (series?.kind !== 'buckets') throw new Error(`expected buckets, got ${series?.kind}`);
        expect(series.bucketMs % 10_000).toBe(0);
        expect(series.buckets.length).toBeLessThanOrEqual(maxPoints);
        const inRange = withValues.filter((r) => r.tMs >= fromMs && r.tMs < toMs);
        const round = (b: SeriesBucket) => ({ ...b, avg: Number(b.avg!.toFixed(9)) });
        expect(series.buckets.map(round)).toEqual(expectedBuckets(inRange, fromMs, series.bucketMs).map(round));
      }
    });

    it('aggregates an unaligned range exactly from the raw samples', async () => {
      const [series] = await store.querySeries({ sensorIds: ['roll-1'], fromMs: T0 + 1234, toMs: T0 + 3600_000 + 777, maxPoints: 100 });
      if (series?.kind !== 'buckets') throw new Error(`expected buckets, got ${series?.kind}`);
      expect(series.buckets[0]!.tMs).toBe(T0 + 1234);
      // Samples at T0 + i s + 250 ms for i = 1..3600, of which the multiples of 97 are dropouts.
      expect(series.buckets.reduce((n, b) => n + b.count, 0)).toBe(3600 - Math.floor(3600 / 97));
    });

    it("keeps the live plant's measurements apart from the twin's samples of the same sensor", async () => {
      const twinBefore = await store.countSamples();
      const plantBefore = await store.countSamples('plant');
      await store.insertSamples([
        { tMs: T0 + 1000, sensorId: 'both-1', value: 1, status: 0 },
        { tMs: T0 + 1000, sensorId: 'both-1', value: 1.5, status: 1, source: 'plant' },
        { tMs: T0 + 2000, sensorId: 'both-1', value: 2.5, status: 0, source: 'plant' },
      ]);
      expect(await store.countSamples()).toBe(twinBefore + 1);
      expect(await store.countSamples('plant')).toBe(plantBefore + 2);
      const range = { sensorIds: ['both-1'], fromMs: T0, toMs: T0 + 10_000, maxPoints: 100 };
      const [twin] = await store.querySeries(range);
      const [plant] = await store.querySeries({ ...range, source: 'plant' });
      expect(twin).toEqual({ sensorId: 'both-1', kind: 'raw', samples: [{ tMs: T0 + 1000, sensorId: 'both-1', value: 1, status: 0 }] });
      expect(plant?.kind === 'raw' && plant.samples.map((r) => r.value)).toEqual([1.5, 2.5]);
      const [plantBuckets] = await store.querySeries({ ...range, toMs: T0 + 20_000 * 1000, maxPoints: 10, source: 'plant' });
      expect(plantBuckets?.kind === 'raw' && plantBuckets.samples.length).toBe(2);
    });

    it('answers a 7-day chart of minute samples with at most 2,000 points per series', async () => {
      const rows = Array.from({ length: 7 * 1440 }, (_, i): SampleRow => ({ tMs: T0 + i * 60_000, sensorId: 'week-1', value: Math.sin(i / 100), status: 0 }));
      await store.insertSamples(rows);
      const [series] = await store.querySeries({ sensorIds: ['week-1'], fromMs: T0, toMs: T0 + 7 * DAY_MS, maxPoints: 2000 });
      expect(series?.kind).toBe('buckets');
      if (series?.kind === 'buckets') {
        expect(series.buckets.length).toBeLessThanOrEqual(2000);
        // Buckets are whole rollup windows, so a chart may get fewer points than asked, never under half.
        expect(series.buckets.length).toBeGreaterThan(1000);
        expect(series.buckets.reduce((n, b) => n + b.count, 0)).toBe(7 * 1440);
      }
    });

    it('loses no sample when the database is unavailable for two seconds and comes back', async () => {
      let down = false;
      const flaky: SampleSink = {
        insertSamples: (rows) => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : store.insertSamples(rows)),
      };
      await expectNoLossAcrossOutage(store, flaky, async (ms) => {
        down = true;
        await sleep(ms);
        down = false;
      });
    });
  });
}


/**
 * Pushes samples at a steady rate for ~3.5 s through a SampleWriter into `sink`; `outage(ms)` makes the database
 * unavailable for `ms` meanwhile. Afterwards the store must hold exactly the rows pushed, and the writer must have seen failures.
 */
export async function expectNoLossAcrossOutage(store: SampleStore, sink: SampleSink, outage: (ms: number) => Promise<void>): Promise<void> {
  const sensorId = `fault-${Math.random().toString(36).slice(2)}`;
  const before = await store.countSamples();
  const writer = new SampleWriter({ sink, flushIntervalMs: 25, maxBatchRows: 500, initialRetryDelayMs: 20, maxRetryDelayMs: 250 });
  let pushed = 0;
  let stop = false;
  const producer = (async () => {
    for (let tick = 0; !stop; tick++) {
      writer.push(Array.from({ length: 50 }, (_, i): SampleRow => ({ tMs: T0 + tick * 50 + i, sensorId, value: tick, status: 0 })));
      pushed += 50;
      await sleep(10);
    }
  })();
  await sleep(500);
  const rowsWrittenBeforeOutage = writer.metrics().rowsWritten;
  await outage(2000);
  await sleep(1000);
  stop = true;
  await producer;
  await writer.close();

  const m = writer.metrics();
  expect(rowsWrittenBeforeOutage).toBeGreaterThan(0);
  expect(m.writeFailures).toBeGreaterThan(0);
  expect(m).toMatchObject({ rowsBuffered: 0, rowsWritten: pushed });
  expect(await store.countSamples()).toBe(before + pushed);
  const [series] = await store.querySeries({ sensorIds: [sensorId], fromMs: T0, toMs: T0 + pushed, maxPoints: pushed });
  // Every row exactly once: none lost, none written twice by a retry.
  expect(series?.kind === 'raw' && series.samples.map((s) => s.tMs)).toEqual(Array.from({ length: pushed }, (_, i) => T0 + i));
}