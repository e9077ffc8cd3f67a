import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { migrate } from './migrations.ts';
import { SqlHistoryStore } from './sql-history-store.ts';
import type { SqlClient } from './sql-client.ts';

type PgliteLike = Pick<PGlite, 'query' | 'exec'> | Transaction;

function clientOf(db: PgliteLike, inner: boolean): SqlClient {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => (await db.query<T>(sql, [...params])).rows,
    exec: async (sql) => void (await db.exec(sql)),
    // PGlite is one connection: inside a transaction the statements are already in it.
    transaction: (fn) => (inner ? fn(clientOf(db, true)) : (db as PGlite).transaction((tx) => fn(clientOf(tx, true)))),
    close: async () => {
      if (!inner) await (db as PGlite).close();
    },
  };
}

/** The embedded store (PostgreSQL compiled to WebAssembly), the product's default: no server to run. */
export class PgliteStore extends SqlHistoryStore {
  /**
   * Opens (creating if needed) the database in `dataDir` and brings its schema up to date.
   * `dataDir` 'memory://' keeps everything in memory (tests).
   * @example const store = await PgliteStore.open('./data/history');
   */
  static async open(dataDir: string): Promise<PgliteStore> {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
    const client = clientOf(await PGlite.create(dataDir), false);
    try {
      await migrate(client);
    } catch (err) {
      await client.close();
      throw err;
    }
    return new PgliteStore(client);
  }
}
