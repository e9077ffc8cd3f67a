import { beforeEach, describe, expect, it } from 'vitest';
import type { HistoryStore, SampleRow } from './history-store.ts';
import { RETAINED_TABLES, type RetainedTable, type RetentionPolicy } from './retention-policy.ts';
import { RetentionRunner } from './retention-runner.ts';
import type { SqlClient } from './sql-client.ts';
import { DAY_MS, T0, useStore, type OpenStore } from './contract-support.test-helper.ts';

/** Each table a different horizon, so a delete on the wrong table or column shows. */
const POLICY: RetentionPolicy = { samples: 2, samples_10s: 3, samples_1m: 4, samples_10m: 5, events: 1.5, predictions: 2.5 };
const NOW_MS = T0 + 10 * DAY_MS;
/** Ages in days of the rows written; 2 and 4 are exactly at a horizon (kept: older than, not as old as). */
const AGES_D = [0.25, 1, 1.75, 2, 2.5, 3.5, 4, 4.5, 6, 9];
const SENSORS = ['ret-a', 'ret-b', 'ret-c'];

/** Ages (days before NOW_MS, sorted) of the rows a table holds, one per distinct time. */
async function agesIn(db: SqlClient, table: RetainedTable): Promise<number[]> {
  const rows = await db.query<{ ms: number }>(
    `SELECT DISTINCT round(date_part('epoch', ${RETAINED_TABLES[table]}) * 1000) AS ms FROM ${table} ORDER BY ms DESC`,
  );
  return rows.map((r) => (NOW_MS - r.ms) / DAY_MS);
}

/** The behaviour of the retention job over every `RetentionStore` adapter. */
export function describeRetentionStoreContract(label: string, open: OpenStore<HistoryStore & { readonly db: SqlClient }>): void {
  describe(`RetentionStore contract: ${label}`, () => {
    const s = useStore(open);
    let store: HistoryStore & { readonly db: SqlClient };
    beforeEach(() => {
      store = s.current();
    });

    it('deletes per table what is older than its horizon on the twin clock and nothing younger, in bounded batches; the audit log is kept', async () => {
      // Times on 10-minute boundaries: each sample starts a window of every rollup level, so all levels share its time.
      const times = AGES_D.map((d) => NOW_MS - d * DAY_MS);
      const samples: SampleRow[] = times.flatMap((tMs) => SENSORS.map((sensorId) => ({ tMs, sensorId, value: 1, status: 0 })));
      await store.insertSamples(samples);
      await store.insertEvents(times.map((tMs, i) => ({ seq: i, tMs, type: 'defect', asset: 'lehr', payload: { i } })));
      for (const tMs of times) await store.insertPrediction({ tMs, asset: 'lehr', model: 'rul', payload: {} });
      for (const tMs of times) await store.appendAudit({ atMs: tMs, actor: 'ana', role: 'operator', action: 'retention.test', target: null, detail: {} });

      const deleted: Record<string, number> = {};
      const runner = new RetentionRunner({ store, policy: POLICY, twinNowMs: () => NOW_MS, batchRows: 4, onDeleted: (t, n) => (deleted[t] = (deleted[t] ?? 0) + n) });
      await runner.runUntilDone();

      for (const table of Object.keys(POLICY) as RetainedTable[]) {
        const keptAges = AGES_D.filter((d) => d <= POLICY[table]!);
        expect({ table, ages: await agesIn(store.db, table) }).toEqual({ table, ages: keptAges });
        const perTime = table.startsWith('samples') ? SENSORS.length : 1;
        expect({ table, deleted: deleted[table] ?? 0 }).toEqual({ table, deleted: (AGES_D.length - keptAges.length) * perTime });
      }
      // 18 old raw samples at 4 a statement: several turns, none deleting more than its batch.
      expect(runner.metrics().turns).toBeGreaterThan(4);
      expect(await store.countAudit({ action: 'retention.test' })).toBe(AGES_D.length);
      // Nothing left to do: another turn deletes nothing.
      expect(await runner.runTurn()).toBe(false);
    });

    it('keeps a table whose horizon is forever, and reports the bytes of the database and of each table', async () => {
      await store.insertSamples([{ tMs: NOW_MS - 400 * DAY_MS, sensorId: 'ret-forever', value: 1, status: 0 }]);
      const runner = new RetentionRunner({ store, policy: { ...POLICY, samples: null, samples_10s: null, samples_1m: null, samples_10m: null }, twinNowMs: () => NOW_MS });
      await runner.runUntilDone();
      expect((await store.querySeries({ sensorIds: ['ret-forever'], fromMs: NOW_MS - 401 * DAY_MS, toMs: NOW_MS, maxPoints: 10_000_000 }))[0]).toMatchObject({ kind: 'raw', samples: [{ value: 1 }] });

      const usage = await store.storageUsage();
      const samples = usage.tables.find((t) => t.table === 'samples');
      expect(samples?.bytes).toBeGreaterThan(0);
      expect(usage.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['samples', 'samples_10s', 'events', 'audit_log', 'alerts']));
      expect(usage.databaseBytes).toBeGreaterThanOrEqual(samples!.bytes);
    });
  });
}
