import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeGraphStoreContract, expectRefused, type OpenGraphStore } from '../../knowledge/graph-store-contract.test-helper.ts';
import { plantFixture } from '../../knowledge/graph-store-fixture.test-helper.ts';
import { PgStore } from '../store/pg-store.ts';
import { PgliteStore } from '../store/pglite-store.ts';
import type { SqlClient } from '../store/sql-client.ts';
import type { SqlHistoryStore } from '../store/sql-history-store.ts';
import { SqlGraphStore } from './sql-graph-store.ts';

/** The graph store over a history store: closing it closes both, reopening opens the same database. */
const over = (openHistory: () => Promise<SqlHistoryStore>): OpenGraphStore => async () => {
  const history = await openHistory();
  const store = await SqlGraphStore.open(history.db).catch(async (err: unknown) => {
    await history.close();
    throw err;
  });
  return { store, close: async () => { await store.close(); await history.close(); } };
};

// One directory for the file: creating a PGlite cluster (initdb) costs seconds.
const root = await mkdtemp(join(tmpdir(), 'twin-kg-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describeGraphStoreContract('SQL on PGlite', over(() => PgliteStore.open(join(root, 'contract'))));

/** A client whose transactions fail at their `failAt`-th statement (counting from 1) while `failAt` is set. */
function failingClient(db: SqlClient): { client: SqlClient; failAt: (n: number | null) => void } {
  let failAt: number | null = null;
  const client: SqlClient = {
    ...db,
    transaction: (fn) => {
      let n = 0;
      return db.transaction((tx) => fn({
        ...tx,
        query: async <T,>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
          if (failAt !== null && ++n >= failAt) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
          return tx.query<T>(sql, params);
        },
      }));
    },
  };
  return { client, failAt: (x) => void (failAt = x) };
}

describe('SqlGraphStore on PGlite', () => {
  let history: SqlHistoryStore;
  beforeAll(async () => {
    history = await PgliteStore.open(join(root, 'adapter'));
  }, 60_000);
  afterAll(() => history?.close());

  it('has a write in its tables once it resolves', async () => {
    const store = await SqlGraphStore.open(history.db);
    const f = plantFixture('rows');
    await store.upsertNodes(f.nodes);
    await store.upsertEdges(f.edges);
    const [row] = await history.db.query<{ kind: string; props: unknown }>(`SELECT kind, props FROM kg_nodes WHERE id = $1`, [f.id('TT1')]);
    expect(row).toEqual({ kind: 'Sensor', props: { rangeMax: 1800, unit: '°C' } });
    expect(await store.removeEdge(f.edge('MEASURES', 'TT1', 'furnace_temp'))).toBe(true);
    expect(await history.db.query(`SELECT id FROM kg_edges WHERE id = $1`, [f.edge('MEASURES', 'TT1', 'furnace_temp')])).toEqual([]);
    await store.close();
  });

  it('changes nothing, in memory or in the tables, when the database fails in the middle of a write, and says UNAVAILABLE', async () => {
    const { client, failAt } = failingClient(history.db);
    const store = await SqlGraphStore.open(client);
    const f = plantFixture('outage');
    await store.upsertNodes(f.nodes);
    await store.upsertEdges(f.edges);
    const before = await store.snapshot();
    const outcome = {
      incidentId: 'ALT-outage', incidentLabel: 'bubbles', symptom: f.id('bubble'), cause: f.id('furnace_temp'), verdict: 'confirmed' as const,
      path: [f.edge('CAUSES', 'furnace_temp', 'bubble')], by: 'olga', at: '2026-01-05T08:30:00.000Z',
      deviations: [{ variable: f.id('furnace_temp'), sigma: 3, onset: '2026-01-05T08:00:00.000Z' }],
    };
    // The outcome's nodes are written, then its edges fail: the transaction must take the nodes back.
    failAt(2);
    await expectRefused(store.recordOutcome(outcome), 'UNAVAILABLE', /could not be saved: Connection terminated/);
    expect(await store.snapshot()).toEqual(before);
    expect((await SqlGraphStore.open(history.db).then((s) => s.snapshot()))).toEqual(before);

    failAt(null);
    const { updated } = await store.recordOutcome(outcome);
    expect(updated[0]?.props).toMatchObject({ alpha: 8, beta: 3 });
    expect((await SqlGraphStore.open(history.db).then((s) => s.snapshot()))).toEqual(await store.snapshot());
    await store.close();
  });

  it('refuses to open a database it cannot read (UNAVAILABLE) and tables edited into a graph the kinds forbid (INVALID)', async () => {
    const broken: SqlClient = { ...history.db, transaction: async () => { throw new Error('PGlite is closed'); } };
    await expectRefused(SqlGraphStore.open(broken), 'UNAVAILABLE', /could not be read/);
    const f = plantFixture('by-hand');
    const store = await SqlGraphStore.open(history.db);
    await store.upsertNodes(f.nodes);
    await history.db.query(`INSERT INTO kg_edges (id, kind, from_id, to_id, props) VALUES ($1, 'MEASURES', $2, $3, '{}')`, [
      `MEASURES:${f.id('crack')}->${f.id('tension')}`, f.id('crack'), f.id('tension'),
    ]);
    await expectRefused(SqlGraphStore.open(history.db), 'INVALID', /MEASURES does not start at a DefectType/);
    await history.db.query(`DELETE FROM kg_edges WHERE kind = 'MEASURES' AND from_id = $1`, [f.id('crack')]);
    await store.close();
  });
});

// Runs only against a real server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run twin-api/knowledge
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.log('SqlGraphStore on PostgreSQL skipped: DATABASE_URL not set');

describe.skipIf(!databaseUrl)('SqlGraphStore on PostgreSQL (skipped: DATABASE_URL not set)', () => {
  // A schema of its own, dropped at the end, so parallel runs never meet.
  const schema = `twin_kg_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });
  describeGraphStoreContract('SQL on PostgreSQL', over(() => PgStore.open({ connectionString: databaseUrl!, schema })));
});
