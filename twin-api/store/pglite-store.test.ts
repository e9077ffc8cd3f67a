import { MIGRATIONS } from './migrations.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHistoryStore } from './create-store.ts';
import { expectAuditAndAlertsKeptAcrossOutage, flakyStore } from './durable-writes.test-helper.ts';
import { describeHistoryStoreContract, describeRetentionStoreContract } from './history-store-contract.test-helper.ts';
import { PgliteStore } from './pglite-store.ts';

// One database directory for the whole file: creating a PGlite cluster (initdb) costs seconds.
const root = await mkdtemp(join(tmpdir(), 'twin-store-'));
const dataDir = join(root, 'history');

describe('PgliteStore on disk', () => {
  afterAll(() => rm(root, { recursive: true, force: true }));

  // Every port's suite on the same directory, one after the other: each may close and reopen it (a restart).
  describeHistoryStoreContract('PGlite', () => async () => {
    const store = await createHistoryStore({ dataDir });
    if (!(store instanceof PgliteStore)) throw new Error('without a databaseUrl createHistoryStore must choose PGlite');
    return store;
  });

  describeRetentionStoreContract('PGlite', () => PgliteStore.open(join(root, 'retention')));

  it('reopens after the contract suite closed it with its data and schema version intact', async () => {
    const again = await PgliteStore.open(dataDir);
    try {
      expect(await again.countSamples()).toBeGreaterThan(10_000);
      expect((await again.getSetting('mode'))?.value).toBe('paced');
      expect(await again.db.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await again.close();
    }
  });

  it('keeps the audit entry and the alert updates acknowledged while the database was down', async () => {
    const store = await PgliteStore.open(dataDir);
    let down = false;
    try {
      await expectAuditAndAlertsKeptAcrossOutage(store, flakyStore(store, () => down), {
        begin: async () => void (down = true),
        end: async () => void (down = false),
      });
    } finally {
      await store.close();
    }
  });
});
