import { PgStore } from './pg-store.ts';
import { PgliteStore } from './pglite-store.ts';
import type { SqlHistoryStore } from './sql-history-store.ts';

export interface CreateHistoryStoreOptions {
  /** A PostgreSQL connection string; without one the embedded store in `dataDir` is used. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
}

/**
 * Opens the configured history store with its schema migrated. The caller reads the environment, not this.
 * It is a `SqlHistoryStore` so that the embedded knowledge graph (SqlGraphStore) can share its `db`.
 */
export function createHistoryStore(o: CreateHistoryStoreOptions): Promise<SqlHistoryStore> {
  return o.databaseUrl ? PgStore.open({ connectionString: o.databaseUrl }) : PgliteStore.open(o.dataDir);
}
