import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelIndexInput, ModelVersionInput, SampleRow, SampleSink, SeriesBucket } from './history-store.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import { SampleWriter } from './sample-writer.ts';
import type { SqlHistoryStore } from './sql-history-store.ts';

const T0 = Date.UTC(2025, 0, 6, 0, 0, 0);
const DAY_MS = 86_400_000;

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

/** Version `n` of a registered model, created n minutes after T0. */
const modelVersion = (n: number, over: Partial<ModelVersionInput> = {}): ModelVersionInput => ({
  version: `v${n}`,
  name: `model-${n}`,
  created: new Date(T0 + n * 60_000).toISOString(),
  datasetFingerprint: `fp-${n}`,
  hyperparameters: { epochs: 10 * n, layers: [32, 16] },
  metrics: { mae: n / 10 },
  ...over,
});

/** A registry index of `versions`, roles and history as given. */
const modelIndex = (task: string, kind: string | undefined, versions: readonly number[], roles: Partial<ModelIndexInput> = {}): ModelIndexInput => ({
  task,
  ...(kind === undefined ? {} : { kind }),
  versions: versions.map((n) => modelVersion(n)),
  previousChampions: [],
  ...roles,
});

/**
 * The behaviour every `HistoryStore` adapter must show. `open` returns a fresh, migrated store of its own
 * (own database or own schema); the suite closes it.
 */
export function describeHistoryStoreContract(label: string, open: () => Promise<SqlHistoryStore>): void {
  describe(`HistoryStore contract: ${label}`, () => {
    let store: SqlHistoryStore;
    // Creating a PGlite cluster runs initdb: seconds, more on a busy machine.
    beforeAll(async () => {
      store = await open();
    }, 60_000);
    afterAll(async () => {
      await store?.close();
    });

    describe('migrations', () => {
      it('are recorded in schema_migrations and applying them again changes nothing', async () => {
        expect(await migrate(store.db)).toEqual([]);
        const rows = await store.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      });

      it('apply all or nothing: a failing migration leaves no table and no record behind', async () => {
        const broken = { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' };
        await expect(migrate(store.db, [...MIGRATIONS, broken])).rejects.toThrow();
        const [row] = await store.db.query<{ t: string | null; n: number }>(
          `SELECT to_regclass('half_done')::text AS t, (SELECT count(*)::float8 FROM schema_migrations WHERE version = 999) AS n`,
        );
        expect(row).toEqual({ t: null, n: 0 });
      });
    });

    it('answers a ping (the health check) without reading the history', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('samples', () => {
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
    });

    it('stores events and finds them by time, type and asset, newest first', async () => {
      const defect = { type: 'defect', seq: 3, tick: 30, tS: 3, asset: 'line-A', unitId: 7, defect: 'bubble', x: 0.1, y: 0.2, severity: 0.5 };
      await store.insertEvents([
        { seq: 1, tMs: T0 + 1000, type: 'unit_produced', asset: 'line-A', payload: { unitId: 6 } },
        { seq: 2, tMs: T0 + 2000, type: 'alert', asset: 'press-1', payload: { sensor: 's', value: 1 } },
        { seq: 3, tMs: T0 + 3000, type: 'defect', asset: 'line-A', payload: defect },
      ]);
      const all = await store.queryEvents({ fromMs: T0, toMs: T0 + 10_000, limit: 10 });
      expect(all.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect(all[0]).toMatchObject({ tMs: T0 + 3000, type: 'defect', asset: 'line-A', payload: defect });
      expect((await store.queryEvents({ types: ['defect', 'unit_produced'], assets: ['line-A'], limit: 10 })).map((e) => e.seq)).toEqual([3, 1]);
      expect((await store.queryEvents({ fromMs: T0 + 1500, toMs: T0 + 3000, limit: 10 })).map((e) => e.seq)).toEqual([2]);
      expect((await store.queryEvents({ limit: 1 })).map((e) => e.seq)).toEqual([3]);
    });

    it('keeps alerts through their life: open, acknowledge, dismiss, with filters', async () => {
      const base = { rule: 'temp-high', asset: 'furnace-1', sensor: 'F1-T', value: 1520, message: 'too hot' } as const;
      const a = await store.insertAlert({ ...base, severity: 'CRITICAL', openedAtMs: T0, lastAtMs: T0 });
      const b = await store.insertAlert({ ...base, id: 'alert-b', severity: 'LOW', openedAtMs: T0 + 1000, lastAtMs: T0 + 1000, sensor: null, value: null });
      expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(a).toMatchObject({ ...base, severity: 'CRITICAL', state: 'active', openedAtMs: T0, acknowledgedBy: null, acknowledgedAtMs: null });
      expect(b).toMatchObject({ id: 'alert-b', sensor: null, value: null });
      expect(await store.getAlert(a.id)).toEqual(a);

      const acked = await store.updateAlert(a.id, { state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAtMs: T0 + 5000, lastAtMs: T0 + 4000, value: 1530 });
      expect(acked).toEqual({ ...a, state: 'acknowledged', acknowledgedBy: 'ana', acknowledgedAtMs: T0 + 5000, lastAtMs: T0 + 4000, value: 1530 });
      const dismissed = await store.updateAlert('alert-b', { state: 'dismissed', dismissedBy: 'bo', justification: 'sensor on the bench' });
      expect(dismissed).toMatchObject({ state: 'dismissed', dismissedBy: 'bo', justification: 'sensor on the bench', message: 'too hot' });
      expect(await store.updateAlert('no-such-alert', { state: 'cleared' })).toBeNull();
      expect(await store.getAlert('no-such-alert')).toBeNull();

      const ids = async (q: Parameters<typeof store.listAlerts>[0]) => (await store.listAlerts(q)).map((x) => x.id);
      expect(await ids({})).toEqual(['alert-b', a.id]);
      expect(await ids({ severities: ['CRITICAL', 'HIGH'] })).toEqual([a.id]);
      expect(await ids({ states: ['dismissed'] })).toEqual(['alert-b']);
      expect(await ids({ acknowledged: true })).toEqual([a.id]);
      expect(await ids({ acknowledged: false })).toEqual(['alert-b']);
      expect(await ids({ fromMs: T0 + 1, toMs: T0 + 2000 })).toEqual(['alert-b']);
      expect(await ids({ limit: 1 })).toEqual(['alert-b']);
      await expect(store.insertAlert({ ...base, severity: 'URGENT' as 'LOW', openedAtMs: T0, lastAtMs: T0 })).rejects.toThrow();
    });

    it('puts and gets settings of any JSON shape, the last write winning', async () => {
      expect(await store.getSetting('missing')).toBeNull();
      await store.putSetting('thresholds', { tempC: 1500 }, 'ana');
      const s = await store.putSetting('thresholds', [1, 'two', { three: null }], 'bo');
      expect(s).toMatchObject({ key: 'thresholds', value: [1, 'two', { three: null }], updatedBy: 'bo' });
      expect(Math.abs(s.updatedAtMs - Date.now())).toBeLessThan(60_000);
      expect(await store.getSetting('thresholds')).toEqual(s);
      await store.putSetting('mode', 'paced', null);
      expect((await store.listSettings()).map((x) => [x.key, x.value])).toEqual([['mode', 'paced'], ['thresholds', [1, 'two', { three: null }]]]);
    });

    it('appends to the audit log and lists it newest first; UPDATE, DELETE and TRUNCATE are refused', async () => {
      const first = await store.appendAudit({ atMs: T0, actor: 'ana', role: 'operator', action: 'alert.ack', target: 'alert-1', detail: { note: 'seen' } });
      await store.appendAudit({ atMs: T0 + 1, actor: 'bo', role: 'admin', action: 'settings.put', target: null, detail: null });
      expect(first).toMatchObject({ atMs: T0, actor: 'ana', role: 'operator', action: 'alert.ack', target: 'alert-1', detail: { note: 'seen' } });
      expect((await store.listAudit({ limit: 10 })).map((e) => e.actor)).toEqual(['bo', 'ana']);
      expect(await store.listAudit({ actor: 'ana', limit: 10 })).toEqual([first]);
      expect((await store.listAudit({ action: 'settings.put', fromMs: T0, toMs: T0 + 2, limit: 10 })).map((e) => e.actor)).toEqual(['bo']);

      await expect(store.db.query(`UPDATE audit_log SET actor = 'mallory' WHERE id = $1`, [first.id])).rejects.toThrow(/append-only/);
      await expect(store.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(store.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      expect(await store.listAudit({ actor: 'ana', limit: 10 })).toEqual([first]);
    });

    it('stores predictions and lists them by asset and model, newest first', async () => {
      await store.insertPrediction({ tMs: T0, asset: 'press-1', model: 'rul', payload: { rulH: 120 } });
      const p = await store.insertPrediction({ tMs: T0 + 60_000, asset: 'press-1', model: 'rul', payload: { rulH: 118 } });
      await store.insertPrediction({ tMs: T0 + 60_000, asset: 'press-2', model: 'rul', payload: { rulH: 5 } });
      expect(p).toMatchObject({ tMs: T0 + 60_000, asset: 'press-1', model: 'rul', payload: { rulH: 118 } });
      expect((await store.listPredictions({ asset: 'press-1', model: 'rul', limit: 10 })).map((x) => x.payload)).toEqual([{ rulH: 118 }, { rulH: 120 }]);
      expect(await store.listPredictions({ asset: 'press-1', fromMs: T0 + 1, limit: 10 })).toEqual([p]);
    });

    it('saves recordings with a binary body, lists them without it, and gets them back byte for byte', async () => {
      const body = Uint8Array.from({ length: 256 }, (_, i) => i);
      const info = await store.saveRecording({ name: 'shift-1', scenario: 'tin-bath-drift', meta: { seed: 42 }, body, createdAtMs: T0 });
      expect(info).toMatchObject({ name: 'shift-1', scenario: 'tin-bath-drift', meta: { seed: 42 }, sizeBytes: 256, createdAtMs: T0 });
      expect(await store.listRecordings()).toContainEqual(info);
      const got = await store.getRecording(info.id);
      expect(got).toMatchObject(info);
      expect(Array.from(got!.body)).toEqual(Array.from(body));
      expect(await store.getRecording(info.id + 1000)).toBeNull();
    });

    describe('model registry copy', () => {
      // Each test uses asset kinds of its own: the store is shared by the whole suite.
      const roles = async (kind: string) => (await store.listModelVersions({ task: 'rul', kind })).map((v) => [v.version, v.role]);
      const indexRow = async (task: string, kind: string) =>
        (await store.db.query(
          `SELECT champion, challenger, previous_champions, round(date_part('epoch', synced_at) * 1000) AS synced_at_ms
           FROM model_indexes WHERE task = $1 AND kind = $2`,
          [task, kind],
        ))[0];

      it('stores every version of a sync with its role as the index says, task-level ones without a kind', async () => {
        const pump = modelIndex('rul', 'pump', [], {
          versions: [modelVersion(1), modelVersion(2, { metrics: { mae: 0.2, r2: Number.NaN, mape: Number.POSITIVE_INFINITY } })],
          champion: 'v1',
          challenger: 'v2',
        });
        await store.syncModelIndexes([pump, modelIndex('failure', undefined, [1], { champion: 'v1' })], T0 + DAY_MS);
        expect(await store.listModelVersions({ task: 'rul', kind: 'pump' })).toEqual([
          { task: 'rul', kind: 'pump', version: 'v1', name: 'model-1', createdMs: T0 + 60_000, datasetFingerprint: 'fp-1', hyperparameters: { epochs: 10, layers: [32, 16] }, metrics: { mae: 0.1 }, role: 'champion' },
          // JSON has no NaN or Infinity: such metrics come back as null.
          { task: 'rul', kind: 'pump', version: 'v2', name: 'model-2', createdMs: T0 + 120_000, datasetFingerprint: 'fp-2', hyperparameters: { epochs: 20, layers: [32, 16] }, metrics: { mae: 0.2, r2: null, mape: null }, role: 'challenger' },
        ]);
        const [taskLevel] = await store.listModelVersions({ task: 'failure' });
        expect(taskLevel).toMatchObject({ task: 'failure', version: 'v1', role: 'champion' });
        expect(taskLevel).not.toHaveProperty('kind');
        expect(await indexRow('rul', 'pump')).toEqual({ champion: 'v1', challenger: 'v2', previous_champions: [], synced_at_ms: T0 + DAY_MS });
        expect(await indexRow('failure', '')).toMatchObject({ champion: 'v1', challenger: null });
      });

      it('after a promote and a retrain, moves the roles and adds the new version, keeping the old ones', async () => {
        await store.syncModelIndexes([modelIndex('rul', 'press', [1, 2], { champion: 'v1', challenger: 'v2' })], T0);
        await store.syncModelIndexes([modelIndex('rul', 'press', [1, 2, 3], { champion: 'v2', challenger: 'v3', previousChampions: ['v1'] })], T0 + 1000);
        expect(await roles('press')).toEqual([['v1', null], ['v2', 'champion'], ['v3', 'challenger']]);
        expect(await indexRow('rul', 'press')).toEqual({ champion: 'v2', challenger: 'v3', previous_champions: ['v1'], synced_at_ms: T0 + 1000 });
      });

      it('keeps a version pruned from the registry on record, without a role, and leaves other indexes alone', async () => {
        await store.syncModelIndexes([modelIndex('rul', 'kiln', [1, 2], { champion: 'v1', challenger: 'v2' })], T0);
        await store.syncModelIndexes([modelIndex('rul', 'oven', [1], { champion: 'v1' })], T0);
        await store.syncModelIndexes([modelIndex('rul', 'kiln', [2, 3], { champion: 'v3', previousChampions: ['v1', 'v2'] })], T0 + 1000);
        expect(await roles('kiln')).toEqual([['v1', null], ['v2', null], ['v3', 'champion']]);
        expect((await store.listModelVersions({ task: 'rul', kind: 'kiln' }))[0]).toMatchObject({ version: 'v1', name: 'model-1', datasetFingerprint: 'fp-1' });
        expect(await roles('oven')).toEqual([['v1', 'champion']]);
      });

      it('lists by task and by kind, task-level first, in version-number order (v2 before v10)', async () => {
        await store.syncModelIndexes(
          [modelIndex('forecast', undefined, [10, 2, 1, 9], { champion: 'v10' }), modelIndex('forecast', 'line', [1], { champion: 'v1' }), modelIndex('anomaly', 'line', [1])],
          T0,
        );
        const keys = (vs: readonly { task: string; kind?: string; version: string }[]) => vs.map((v) => `${v.task}/${v.kind ?? '-'}/${v.version}`);
        expect(keys(await store.listModelVersions({ task: 'forecast' }))).toEqual(['forecast/-/v1', 'forecast/-/v2', 'forecast/-/v9', 'forecast/-/v10', 'forecast/line/v1']);
        expect(keys(await store.listModelVersions({ kind: 'line' }))).toEqual(['anomaly/line/v1', 'forecast/line/v1']);
        expect(keys(await store.listModelVersions({ task: 'forecast', kind: 'line' }))).toEqual(['forecast/line/v1']);
        expect(keys(await store.listModelVersions())).toEqual(expect.arrayContaining(['anomaly/line/v1', 'forecast/-/v10', 'rul/pump/v2']));
        expect(await store.listModelVersions({ task: 'no-such-task' })).toEqual([]);
      });

      it('syncs all or nothing: a call the database refuses, in a version or in an index, leaves nothing behind', async () => {
        await store.syncModelIndexes([modelIndex('rul', 'fan', [1], { champion: 'v1' })], T0);
        const promoted = modelIndex('rul', 'fan', [1, 2], { champion: 'v2', previousChampions: ['v1'] });
        const badVersion = modelIndex('rul', 'mixer', [], { versions: [modelVersion(1, { created: 'not a time' })], champion: 'v1' });
        // The same index twice, its versions all valid: refused only when the index rows are written.
        const twice = modelIndex('rul', 'mixer', [3], { champion: 'v3' });
        for (const call of [[promoted, badVersion], [promoted, modelIndex('rul', 'mixer', [1]), twice]]) {
          await expect(store.syncModelIndexes(call, T0 + 1000)).rejects.toThrow();
          expect(await roles('fan')).toEqual([['v1', 'champion']]);
          expect(await indexRow('rul', 'fan')).toMatchObject({ champion: 'v1', previous_champions: [], synced_at_ms: T0 });
          expect(await roles('mixer')).toEqual([]);
          expect(await indexRow('rul', 'mixer')).toBeUndefined();
        }
        // The store is still usable: the sync without the refused index goes through.
        await store.syncModelIndexes([promoted], T0 + 2000);
        expect(await roles('fan')).toEqual([['v1', null], ['v2', 'champion']]);
      });
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

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Pushes samples at a steady rate for ~3.5 s through a SampleWriter into `sink`; `outage(ms)` makes the database
 * unavailable for `ms` meanwhile. Afterwards the store must hold exactly the rows pushed, and the writer must have seen failures.
 */
export async function expectNoLossAcrossOutage(store: SqlHistoryStore, sink: SampleSink, outage: (ms: number) => Promise<void>): Promise<void> {
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
