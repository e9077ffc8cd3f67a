import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.ts';
import type { SqlClient } from './sql-client.ts';
import { useStore, type OpenStore } from './contract-support.test-helper.ts';

/** The store as a whole: its schema migrations and its health check. */
export function describeStoreLifecycleContract(label: string, open: OpenStore<{ readonly db: SqlClient }>): void {
  describe(`StoreLifecycle contract: ${label}`, () => {
    const s = useStore(open);

    describe('migrations', () => {
      it('are recorded in schema_migrations and applying them again changes nothing', async () => {
        expect(await migrate(s.current().db)).toEqual([]);
        const rows = await s.current().db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      });

      it('apply all or nothing: a failing migration leaves no table and no record behind', async () => {
        const broken = { version: 999, name: 'broken', sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();' };
        await expect(migrate(s.current().db, [...MIGRATIONS, broken])).rejects.toThrow();
        const [row] = await s.current().db.query<{ t: string | null; n: number }>(
          `SELECT to_regclass('half_done')::text AS t, (SELECT count(*)::float8 FROM schema_migrations WHERE version = 999) AS n`,
        );
        expect(row).toEqual({ t: null, n: 0 });
      });
    });

    it('answers a ping (the health check) without reading the history', async () => {
      await expect(s.current().ping()).resolves.toBeUndefined();
    });
  });
}
