import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { describeHistoryStoreContract, describeRetentionStoreContract, expectNoLossAcrossOutage, sleep } from './history-store-contract.test-helper.ts';
import { expectAuditAndAlertsKeptAcrossOutage } from './durable-writes.test-helper.ts';
import { PgStore } from './pg-store.ts';

// Runs only against a real server, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx vitest run twin-api/store
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.log('PgStore tests skipped: DATABASE_URL not set');

/** Each run (and each suite) gets a schema of its own, dropped at the end, so parallel runs never meet. */
const schemas: string[] = [];
const freshSchema = (): string => {
  const name = `twin_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  schemas.push(name);
  return name;
};

describe.skipIf(!databaseUrl)('PgStore (skipped: DATABASE_URL not set)', () => {
  const url = databaseUrl!;
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  });

  // A schema per port's suite; opening it again (a restart) finds the same schema.
  describeHistoryStoreContract('PostgreSQL', () => {
    const schema = freshSchema();
    return () => PgStore.open({ connectionString: url, schema });
  });
  const retentionSchema = freshSchema();
  describeRetentionStoreContract('PostgreSQL', () => PgStore.open({ connectionString: url, schema: retentionSchema }));

  it('loses no sample when the server kills its connections and locks the table for two seconds', async () => {
    const schema = freshSchema();
    const applicationName = `twin-fault-${schema}`;
    const store = await PgStore.open({ connectionString: url, schema, statementTimeoutMs: 300, applicationName });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await expectNoLossAcrossOutage(store, store, async (ms) => {
        // Real failures from the server: first every connection of the store dies, then writes time out on a lock.
        await admin.query('BEGIN');
        await admin.query(`LOCK TABLE ${schema}.samples IN ACCESS EXCLUSIVE MODE`);
        const killed = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
          [applicationName],
        );
        expect(killed.rowCount).toBeGreaterThan(0);
        await sleep(ms);
        await admin.query('COMMIT');
      });
    } finally {
      await admin.end();
      await store.close();
    }
  });

  it('keeps the audit entry and the alert updates acknowledged while the server killed its connections and locked their tables', async () => {
    const schema = freshSchema();
    const applicationName = `twin-durable-${schema}`;
    const store = await PgStore.open({ connectionString: url, schema, statementTimeoutMs: 300, applicationName });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await expectAuditAndAlertsKeptAcrossOutage(store, store, {
        begin: async () => {
          await admin.query('BEGIN');
          await admin.query(`LOCK TABLE ${schema}.audit_log, ${schema}.alerts IN ACCESS EXCLUSIVE MODE`);
          const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [applicationName]);
          expect(killed.rowCount).toBeGreaterThan(0);
        },
        end: async () => void (await admin.query('COMMIT')),
      });
    } finally {
      await admin.end();
      await store.close();
    }
  });
});
