import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from './event-store.ts';
import type { QuarantineStore } from './quarantine-store.ts';
import { Quarantine } from './quarantine.ts';
import type { SampleRow, SampleStore } from './sample-store.ts';
import { SampleWriter } from './sample-writer.ts';
import type { TwinSnapshotStore } from './twin-snapshot-store.ts';
import { T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

type DurableStore = SampleStore & EventStore & QuarantineStore & TwinSnapshotStore;

/** Poison the validator lets through and the database refuses: a year-0 time, a NUL in a sensor id. */
const YEAR_0_MS = Date.parse('0000-06-01T00:00:00Z');
const NUL_SENSOR = 'pump_001.flow\u0000x';

/**
 * What every adapter must do so that history is kept, once: rows the database refuses are set aside
 * and the rest is stored, and writing the same history again changes nothing.
 */
export function describeDurableHistoryContract(label: string, open: OpenStore<DurableStore>): void {
  describe(`durable history contract: ${label}`, () => {
    const s = useStore(open);
    let store: DurableStore;
    beforeEach(() => {
      store = s.current();
    });

    it('stores every valid plant sample around a year-0 time and a NUL sensor id, quarantines those two with their reason, and is not stuck', async () => {
      const sensorId = `poison-${Math.random().toString(36).slice(2)}`;
      const logs: string[] = [];
      const quarantine = new Quarantine({ store, fallbackFile: null, log: (m) => logs.push(m) });
      const writer = new SampleWriter<SampleRow>({ sink: store, flushIntervalMs: 10, maxBatchRows: 64, onRejected: (r) => quarantine.add('plant', r) });
      const valid = (i: number): SampleRow => ({ tMs: T0 + i * 1000, sensorId, value: i, status: 0, source: 'plant' });
      const before = await store.countQuarantined();
      const rows: SampleRow[] = [];
      for (let i = 0; i < 100; i++) {
        rows.push(valid(i));
        if (i === 17) rows.push({ tMs: YEAR_0_MS, sensorId, value: 1, status: 0, source: 'plant' });
        if (i === 70) rows.push({ tMs: T0 + 70_500, sensorId: NUL_SENSOR, value: 2, status: 0, source: 'plant' });
      }
      writer.push(rows);
      await writer.flush();
      // Pushed after the poison: the writer has moved on.
      writer.push([valid(100), valid(101)]);
      expect(await writer.close({ deadlineMs: 30_000 })).toEqual({ flushed: 2, unflushed: 0 });
      await quarantine.settled();

      expect(writer.metrics()).toMatchObject({ rowsWritten: 102, rowsRejected: 2, rowsBuffered: 0 });
      const [series] = await store.querySeries({ sensorIds: [sensorId], source: 'plant', fromMs: T0, toMs: T0 + 200_000, maxPoints: 1000 });
      expect(series?.kind === 'raw' && series.samples.map((r) => r.value)).toEqual(Array.from({ length: 102 }, (_, i) => i));
      expect(await store.countQuarantined()).toBe(before + 2);
      const kept = (await store.listQuarantined(2)).reverse();
      expect(kept.map((q) => [q.writer, q.code])).toEqual([['plant', '22008'], ['plant', '22021']]);
      expect(kept[0]!.reason).toMatch(/out of range/);
      expect(JSON.parse(kept[0]!.rowJson)).toMatchObject({ tMs: YEAR_0_MS, sensorId });
      expect(JSON.parse(kept[1]!.rowJson).sensorId).toBe(NUL_SENSOR);
      expect(quarantine.count).toBe(2);
      // Rate-limited: both rows within a minute make one log line, which names the reason.
      expect(logs.filter((l) => l.includes('quarantined'))).toHaveLength(1);
    });

    it('appends to the JSONL file when the quarantine table refuses the row too', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'twin-quarantine-'));
      try {
        const file = join(dir, 'quarantined-samples.jsonl');
        const refusing: Pick<QuarantineStore, 'quarantineRows'> = { quarantineRows: () => Promise.reject(Object.assign(new Error('disk full'), { code: '53100' })) };
        const quarantine = new Quarantine({ store: refusing, fallbackFile: file, log: () => {} });
        const writer = new SampleWriter<SampleRow>({ sink: store, onRejected: (r) => quarantine.add('plant', r) });
        writer.push([{ tMs: T0, sensorId: NUL_SENSOR, value: 1, status: 0, source: 'plant' }]);
        await writer.close();
        await quarantine.settled();
        const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatchObject({ writer: 'plant', code: '22021' });
        expect(JSON.parse(lines[0].rowJson).sensorId).toBe(NUL_SENSOR);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('skips samples already stored, and the rollups do not count them twice', async () => {
      const sensorId = `again-${Math.random().toString(36).slice(2)}`;
      // One sample a second for 20 minutes, written once, then the second half again with the next 10 minutes.
      const rows = Array.from({ length: 1800 }, (_, i): SampleRow => ({ tMs: T0 + i * 1000, sensorId, value: i % 7, status: 0 }));
      const before = await store.countSamples();
      await store.insertSamples(rows.slice(0, 1200));
      await store.insertSamples(rows.slice(600));
      expect(await store.countSamples()).toBe(before + 1800);
      // 30 minutes in 30 points reads the one-minute rollup: 60 samples a bucket, not 120 where written twice.
      const [series] = await store.querySeries({ sensorIds: [sensorId], fromMs: T0, toMs: T0 + 1800_000, maxPoints: 30 });
      if (series?.kind !== 'buckets') throw new Error(`expected buckets, got ${series?.kind}`);
      expect(series.buckets.map((b) => b.count)).toEqual(Array.from({ length: 30 }, () => 60));
      const [raw] = await store.querySeries({ sensorIds: [sensorId], fromMs: T0, toMs: T0 + 1800_000, maxPoints: 2000 });
      expect(raw?.kind === 'raw' && raw.samples.length).toBe(1800);
    });

    it('skips events already stored', async () => {
      const asset = `again-${Math.random().toString(36).slice(2)}`;
      const events = [1, 2, 3].map((seq) => ({ seq, tMs: T0 + seq * 1000, type: 'defect', asset, payload: { seq } }));
      await store.insertEvents(events.slice(0, 2));
      await store.insertEvents(events);
      expect((await store.queryEvents({ assets: [asset], limit: 100 })).map((e) => e.seq)).toEqual([3, 2, 1]);
    });

    it("keeps one twin checkpoint per scenario, the latest", async () => {
      expect(await store.getTwinSnapshot('nowhere')).toBeNull();
      await store.putTwinSnapshot('plant-a', { tick: 10, tMs: T0 + 10_000, body: '{"v":1}' }, Date.UTC(2026, 0, 1));
      await store.putTwinSnapshot('plant-a', { tick: 20, tMs: T0 + 20_000, body: '{"v":2}' }, Date.UTC(2026, 0, 2));
      expect(await store.getTwinSnapshot('plant-a')).toEqual({ tick: 20, tMs: T0 + 20_000, body: '{"v":2}' });
    });
  });
}
