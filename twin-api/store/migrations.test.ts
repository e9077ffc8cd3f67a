import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from './migrations.ts';
import type { SqlClient } from './sql-client.ts';

const T0 = Date.UTC(2025, 0, 6);
const iso = (ms: number): string => new Date(ms).toISOString();

function clientOf(db: PGlite): SqlClient {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await db.query<T>(sql, [...params])).rows,
    exec: async (sql) => void (await db.exec(sql)),
    transaction: (fn) => db.transaction((tx) => fn({ ...clientOf(db), query: async <T>(q: string, p: readonly unknown[] = []) => (await tx.query<T>(q, [...p])).rows, exec: async (q) => void (await tx.exec(q)) })),
    close: () => db.close(),
  };
}

describe('migration 5: unique history', () => {
  const db = new PGlite('memory://');
  afterAll(() => db.close());

  it('dedupes the samples and events a restart wrote twice, rebuilds the rollups they counted twice, then keys them', async () => {
    const client = clientOf(db);
    await migrate(client, MIGRATIONS.filter((m) => m.version < 5));
    // History as a restarted server used to leave it: the first 60 s written twice, rollups counting both.
    for (const from of [0, 0, 60]) {
      await db.query(`INSERT INTO samples (t, sensor_id, value, status, source)
        SELECT $1::timestamptz + i * interval '1 second', 's1', i, 0, 0 FROM generate_series($2::int, $2::int + 59) AS i`, [iso(T0), from]);
    }
    for (const table of ['samples_10s', 'samples_1m', 'samples_10m']) {
      const widthS = { samples_10s: 10, samples_1m: 60, samples_10m: 600 }[table]!;
      await db.query(`INSERT INTO ${table} (sensor_id, source, t, min, max, sum, n, rows)
        SELECT sensor_id, source, to_timestamp(floor(date_part('epoch', t) / ${widthS}) * ${widthS}), min(value), max(value), sum(value), count(value), count(*) FROM samples GROUP BY 1, 2, 3`);
    }
    for (const seq of [1, 2, 1, 2, 3]) {
      await db.query(`INSERT INTO events (seq, t, type, asset, payload) VALUES ($1, $2, 'defect', 'line-A', '{}')`, [seq, iso(T0 + seq * 1000)]);
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM samples')).rows[0]!.n).toBe(180);

    expect(await migrate(client)).toEqual(MIGRATIONS.filter((m) => m.version >= 5).map((m) => m.version));

    expect((await db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT t)::int AS d FROM samples')).rows[0]).toEqual({ n: 120, d: 120 });
    expect((await db.query<{ n: number }>('SELECT n FROM samples_1m ORDER BY t')).rows.map((r) => r.n)).toEqual([60, 60]);
    expect((await db.query<{ n: number; sum: number }>('SELECT n, sum FROM samples_10m')).rows).toEqual([{ n: 120, sum: (119 * 120) / 2 }]);
    expect((await db.query<{ seq: number }>('SELECT seq::int AS seq FROM events ORDER BY seq')).rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    // The keys hold from now on.
    await expect(db.query(`INSERT INTO samples (t, sensor_id, value, status, source) VALUES ($1, 's1', 0, 0, 0)`, [iso(T0)])).rejects.toThrow(/duplicate key/);
  });
});
